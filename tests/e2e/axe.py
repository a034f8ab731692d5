"""Run axe-core (from npm) in a Playwright page and report WCAG 2.1 A/AA violations readably."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      html: node.html.slice(0, 160),
      summary: (node.failureSummary || "").split("\\n").slice(0, 3).join(" "),
    })),
  }));
}"""


def axe_violations(page):
    """The violations axe finds in the page as it is now (WCAG 2.1 A and AA rules only)."""
    if not AXE_SCRIPT.exists():
        raise RuntimeError(f"{AXE_SCRIPT} is missing: run `npm install`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Through the DevTools protocol: an injected <script> would be refused by the site's
        # Content-Security-Policy (it carries no nonce).
        page.evaluate(AXE_SCRIPT.read_text())
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def describe(label, url, violations, max_nodes=4):
    """Violations as readable text: rule, impact, help, then the offending elements."""
    lines = [f"{label} <{url}>: {len(violations)} violation(s)"]
    for violation in violations:
        lines.append(f"  - [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:max_nodes]:
            lines.append(f"      at {node['target']}: {node['html']}")
            if node["summary"]:
                lines.append(f"        {node['summary']}")
        if len(violation["nodes"]) > max_nodes:
            lines.append(f"      ... and {len(violation['nodes']) - max_nodes} more")
    return "\n".join(lines)
