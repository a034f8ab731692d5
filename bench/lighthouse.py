"""Lighthouse (npm, mobile preset) on Debian chromium against a running WeMi server.

    python bench/lighthouse.py [--base-url http://127.0.0.1:8006] [--runs 1]

Measures four pages of the demo: the home page, a search with results, a service page and
the first checkout step (logged in as a demo citizen with a service in the basket: the
script logs in and books through the real forms with Playwright, then hands the session
cookie to Lighthouse). Prints performance, accessibility, best practices and SEO scores and
the page weight of each page; with --runs N, the median of N runs.

Serve the demo as production does (see README, "Accessibility"): DEBUG off and WhiteNoise's
compressed, hashed static files. Targets (issue 6): performance >= 95, accessibility 100.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CITIZEN = ("cittadino@wemi.example", "wemi-cittadino")  # created by `manage.py seed_milano`
SEARCH_WORDS = "assistenza domiciliare"


def lighthouse(url, cookie=None):
    command = [
        str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    environment = {**os.environ, "CHROME_PATH": CHROME}
    # Chromium sometimes fails to start, or Lighthouse to record the trace (NO_NAVSTART), on
    # a loaded machine: two more tries, then the error.
    for attempt in (1, 2, 3):
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        if result.returncode == 0:
            break
        print(f"lighthouse failed on {url} (try {attempt}): {result.stderr.strip()[-500:]}",
              file=sys.stderr)
    result.check_returncode()
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"{url}: {report['runtimeError']['message']}")
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["weight_kib"] = report["audits"]["total-byte-weight"]["numericValue"] / 1024
    scores["final_url"] = report.get("finalDisplayedUrl") or report.get("finalUrl")
    failing = [
        ref["id"]
        for category in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"]
        and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")
        and report["audits"][ref["id"]]["score"] < 1
    ]
    scores["failing"] = failing
    return scores


def logged_in_checkout(base_url):
    """Log in, book the first bookable service found by the search, open the checkout.

    Returns the checkout URL and the Cookie header that carries the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"{base_url}/it/shop/accounts/login/")
        page.fill('input[name="login-username"]', CITIZEN[0])
        page.fill('input[name="login-password"]', CITIZEN[1])
        with page.expect_navigation():
            page.locator('button[name="login_submit"]').click()
        page.goto(f"{base_url}/it/cerca/?q={SEARCH_WORDS}")
        for link in page.locator("main h3 a").all()[:10]:
            service_page = browser.new_page()
            service_page.context.add_cookies(page.context.cookies())
            service_page.goto(base_url + link.get_attribute("href"))
            form = service_page.locator('form[action*="/add/"]')
            if not form.count():
                service_page.close()
                continue
            service_page.locator('input[name="offer"]').first.check(force=True)
            start = datetime.date.today() + datetime.timedelta(days=7)
            service_page.fill('input[name="start_date"]', start.isoformat())
            service_page.fill('input[name="street"]', "Via Padova 21")
            zones = service_page.locator('select[name="zone"] option')
            for index in range(1, zones.count()):
                service_page.select_option('select[name="zone"]', index=index)
                with service_page.expect_navigation():
                    form.locator('button[type="submit"]').click()
                if "/basket/" in service_page.url:
                    break
                form = service_page.locator('form[action*="/add/"]')
            if "/basket/" in service_page.url:
                service_page.goto(f"{base_url}/it/shop/checkout/")
                checkout_url = service_page.url
                cookies = service_page.context.cookies()
                browser.close()
                return checkout_url, "; ".join(f"{c['name']}={c['value']}" for c in cookies)
            service_page.close()
        browser.close()
    raise RuntimeError("no bookable service found: is the demo seeded (manage.py seed_milano)?")


def service_url(base_url):
    """The first service page the search finds."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"{base_url}/it/cerca/?q={SEARCH_WORDS}")
        href = page.locator("main h3 a").first.get_attribute("href")
        browser.close()
    return base_url + href


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8006")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm install`")
    base = args.base_url.rstrip("/")
    checkout, cookie = logged_in_checkout(base)
    pages = [
        ("home", f"{base}/it/", None),
        ("search", f"{base}/it/cerca/?q={SEARCH_WORDS.replace(' ', '+')}", None),
        ("service page", service_url(base), None),
        ("checkout", checkout, cookie),
    ]
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True
    ).stdout.strip()
    print(f"Lighthouse {version}, mobile preset, {args.runs} run(s) per page, median")
    header = (f"{'page':<14}{'perf':>6}{'a11y':>6}{'bp':>6}{'seo':>6}{'weight KiB':>12}"
              "  failing audits")
    print(header)
    print("-" * len(header))
    for label, url, page_cookie in pages:
        runs = [lighthouse(url, page_cookie) for _ in range(args.runs)]
        median = {key: statistics.median(run[key] for run in runs)
                  for key in [*CATEGORIES, "weight_kib"]}
        failing = sorted({audit for run in runs for audit in run["failing"]})
        print(f"{label:<14}{median['performance']:>6.0f}{median['accessibility']:>6.0f}"
              f"{median['best-practices']:>6.0f}{median['seo']:>6.0f}{median['weight_kib']:>12.0f}"
              f"  {', '.join(failing) or '-'}")
        if runs[-1]["final_url"] != url:
            print(f"{'':<14}(ended at {runs[-1]['final_url']})")


if __name__ == "__main__":
    main()
