"""Drive a page with the keyboard only: Tab (or Shift+Tab) until the wanted element has focus.

JavaScript is used only to *read* which element has focus, never to act on the page.
"""

import datetime

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


# Steps of a purchase made with the keyboard only, shared by the keyboard journeys. ``check``
# is called as ``check(page, label)`` on each page reached (the tests pass their axe check).


def _no_check(page, label):
    pass


def log_in_with_keys(page, email, password, check=_no_check):
    """From any public page: the header's log-in link, the two fields, Enter."""
    activate(page, 'header a[href*="/shop/accounts/login/"]')
    check(page, "login")
    type_into(page, 'input[name="login-username"]', email)
    type_into(page, 'input[name="login-password"]', password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login/" not in page.url, "login failed"


def add_to_basket_with_keys(page, zone_pk, street="Via Padova 21"):
    """On a service page: its first offer (Space), a start a week from today (typed segment by
    segment: chromium's date field is month, day, year in en-US), ``street`` and the zone
    ``zone_pk`` (arrows), then the add button; waits for the basket."""
    focus_with_tab(page, 'input[name="offer"]')
    page.keyboard.press("Space")
    assert focused_is_visible(page) or page.locator('input[name="offer"]:checked').count()
    start = datetime.date.today() + datetime.timedelta(days=7)
    focus_with_tab(page, 'input[name="start_date"]')
    page.keyboard.type(start.strftime("%m%d%Y"))
    type_into(page, 'input[name="street"]', street)
    choose_option(page, 'select[name="zone"]', zone_pk)
    activate(page, 'form[action*="/add/"] button[type="submit"]')
    assert "/basket/" in page.url, page.locator("main").inner_text()[:1500]


def check_out_with_keys(page, name="Giulia Rossi", phone="+39 02 1234567", method=None,
                        check=_no_check):
    """From the basket to the receipt: the contact, the payment method (the first one, or
    ``method`` chosen with the arrows: a radio group takes one Tab), the consent to pass the
    contact to the provider and "place order"; ``check`` runs on every step."""
    activate(page, 'main a[href$="/checkout/"]')
    for _step in range(6):
        check(page, f"checkout {page.url}")
        if "/thank-you/" in page.url:
            break
        if "/preview/" in page.url:
            focus_with_tab(page, '#place_order_form input[type="checkbox"]')
            page.keyboard.press("Space")
            activate(page, "#place-order")
            continue
        if page.locator('input[name="phone"]').count():
            type_into(page, 'input[name="name"]', name)
            type_into(page, 'input[name="phone"]', phone)
        if page.locator('input[name="method"]').count():
            focus_with_tab(page, 'input[name="method"]')
            page.keyboard.press("Space")
            if method:
                chosen = f'input[name="method"][value="{method}"]:checked'
                for _press in range(3):
                    if page.locator(chosen).count():
                        break
                    page.keyboard.press("ArrowDown")
                assert page.locator(chosen).count(), f"payment method {method!r} not reached"
        activate(page, 'main form button[type="submit"]')
    assert "/thank-you/" in page.url, (
        f"the checkout did not reach the receipt: {page.url}\n"
        + page.locator("main").inner_text()[:1500]
    )
