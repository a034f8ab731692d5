"""Buy a service with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows and typing),
in Italian and in Arabic: home page -> log in -> search -> service page -> basket ->
checkout -> receipt. Each page on the way also passes axe."""

import pytest
from oscar.core.loading import get_model

from .axe import axe_violations, describe
from .keyboard import (
    activate,
    add_to_basket_with_keys,
    check_out_with_keys,
    log_in_with_keys,
    type_into,
)
from .site_data import CITIZEN_EMAIL, CITIZEN_PASSWORD, SEARCH_WORD, build_site

Order = get_model("order", "Order")


@pytest.fixture
def site(live_server, transactional_db):
    return build_site()


def assert_accessible(page, label):
    """Fail with axe's findings on ``page``, named ``label``."""
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

    log_in_with_keys(page, CITIZEN_EMAIL, CITIZEN_PASSWORD, check=assert_accessible)

    type_into(page, 'header input[name="q"]', SEARCH_WORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, "search results")
    activate(page, f'main a[href="{service_url}"]')
    assert page.url.endswith(service_url)
    assert_accessible(page, "service page")

    add_to_basket_with_keys(page, site.zone.pk)
    assert_accessible(page, "basket")
    check_out_with_keys(page, check=assert_accessible)

    order = Order.objects.get(user=site.citizen)
    assert order.number in page.locator("main").inner_text()
    assert order.lines.count() == 1
