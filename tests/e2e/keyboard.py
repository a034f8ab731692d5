"""Drive a page with the keyboard only: Tab (or Shift+Tab) until the wanted element has focus.

JavaScript is used only to *read* which element has focus, never to act on the page.
"""

MAX_TABS = 120

_FOCUSED = """(selector) => {
  const element = document.activeElement;
  return !!element && element !== document.body && element.matches(selector);
}"""
_DESCRIBE_FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) { return "(body)"; }
  const text = (element.innerText || element.value || element.getAttribute("aria-label") || "")
    .trim();
  return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
    (element.name ? "[name=" + element.name + "]" : "") + " " + text.slice(0, 40);
}"""


def focus_with_tab(page, selector, backwards=False, max_tabs=MAX_TABS):
    """Press Tab until the focused element matches ``selector``; fail listing the path taken."""
    key = "Shift+Tab" if backwards else "Tab"
    path = []
    for _ in range(max_tabs):
        page.keyboard.press(key)
        if page.evaluate(_FOCUSED, selector):
            return
        path.append(page.evaluate(_DESCRIBE_FOCUS))
    raise AssertionError(
        f"{selector!r} never got the focus after {max_tabs} × {key}; focus went through:\n  "
        + "\n  ".join(path)
    )


def activate(page, selector, key="Enter", wait_for_navigation=True):
    """Tab to ``selector`` and press ``key`` (Enter on links and buttons, Space on options)."""
    focus_with_tab(page, selector)
    if wait_for_navigation:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def type_into(page, selector, text, replace=True):
    """Tab to a text field and type ``text`` (replacing what it held)."""
    focus_with_tab(page, selector)
    if replace:
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
    page.keyboard.type(text)


def choose_option(page, selector, value, max_presses=60):
    """Tab to a <select> and press ArrowDown until ``value`` is selected."""
    focus_with_tab(page, selector)
    for _ in range(max_presses):
        if page.evaluate("(s) => document.querySelector(s).value", selector) == str(value):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {value!r} of {selector!r} not reachable with ArrowDown")


def focused_is_visible(page):
    """Whether the focused element shows a focus indicator (outline or box shadow)."""
    return page.evaluate("""() => {
      const style = getComputedStyle(document.activeElement);
      return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== "none";
    }""")
