"""Buy a service with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows and typing),
in Italian and in Arabic: home page -> log in -> search -> service page -> basket ->
checkout -> receipt. Each page on the way also passes axe."""

import datetime

import pytest
from oscar.core.loading import get_model

from .axe import axe_violations, describe
from .keyboard import activate, choose_option, focus_with_tab, focused_is_visible, type_into
from .site_data import CITIZEN_EMAIL, CITIZEN_PASSWORD, SEARCH_WORD, build_site

Order = get_model("order", "Order")


@pytest.fixture
def site(live_server, transactional_db):
    return build_site()


def assert_accessible(page, label):
    violations = axe_violations(page)
    assert not violations, describe(label, page.url, violations)


@pytest.mark.parametrize("language", ["it", "ar"])
def test_purchase_with_the_keyboard_only(page, live_server, site, language):
    service_url = site.url("service", language)
    page.goto(f"{live_server.url}/{language}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    # The first Tab reaches the skip link, and it is visible when focused.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main-content"
    assert page.locator(".skiplink:focus").is_visible()

    activate(page, 'header a[href*="/shop/accounts/login/"]')
    assert_accessible(page, "login")
    type_into(page, 'input[name="login-username"]', CITIZEN_EMAIL)
    type_into(page, 'input[name="login-password"]', CITIZEN_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login/" not in page.url, "login failed"

    type_into(page, 'header input[name="q"]', SEARCH_WORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, "search results")
    activate(page, f'main a[href="{service_url}"]')
    assert page.url.endswith(service_url)
    assert_accessible(page, "service page")

    focus_with_tab(page, 'input[name="offer"]')
    page.keyboard.press("Space")
    assert focused_is_visible(page) or page.locator('input[name="offer"]:checked').count()
    # chromium's date field takes digits segment by segment (month, day, year in en-US).
    start = datetime.date.today() + datetime.timedelta(days=7)
    focus_with_tab(page, 'input[name="start_date"]')
    page.keyboard.type(start.strftime("%m%d%Y"))
    type_into(page, 'input[name="street"]', "Via Padova 21")
    choose_option(page, 'select[name="zone"]', site.zone.pk)
    activate(page, 'form[action*="/add/"] button[type="submit"]')
    assert "/basket/" in page.url, page.locator("main").inner_text()[:1500]
    assert_accessible(page, "basket")

    activate(page, 'main a[href$="/checkout/"]')
    for _step in range(6):
        assert_accessible(page, f"checkout {page.url}")
        if "/thank-you/" in page.url:
            break
        if "/preview/" in page.url:
            focus_with_tab(page, '#place_order_form input[type="checkbox"]')
            page.keyboard.press("Space")  # consent to pass the contacts to the provider
            activate(page, "#place-order")
            continue
        if page.locator('input[name="phone"]').count():
            type_into(page, 'input[name="name"]', "Giulia Rossi")
            type_into(page, 'input[name="phone"]', "+39 02 1234567")
        if page.locator('input[name="method"]').count():
            focus_with_tab(page, 'input[name="method"]')
            page.keyboard.press("Space")
        activate(page, 'main form button[type="submit"]')
    assert "/thank-you/" in page.url, (
        f"the checkout did not reach the receipt: {page.url}\n"
        + page.locator("main").inner_text()[:1500]
    )

    order = Order.objects.get(user=site.citizen)
    assert order.number in page.locator("main").inner_text()
    assert order.lines.count() == 1
