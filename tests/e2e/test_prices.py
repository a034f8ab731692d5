"""Issue 13, in a browser: the price this citizen pays in search results, and why."""

import pytest
from wagtail.models import Collection

from content import factories
from marketplace import factories as shop
from marketplace.defaults import ensure_all
from tests.search.fixtures import build_taxonomy


@pytest.fixture
def priced_services(transactional_db, home_page):
    """An accredited service (Comune tariff 18.50 €/h) and a market one (17 € a session)."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_all()
    taxonomy = build_taxonomy()
    provider = factories.make_provider("Cooperativa Aurora", municipio=taxonomy["municipio"])
    accredited = factories.make_service(
        provider,
        "Zeta assistenza accreditata",
        needs=[taxonomy["care"]],
        zones=[taxonomy["municipio"]],
        accredited=True,
    )
    market = factories.make_service(
        provider, "Alfa badante privata", needs=[taxonomy["care"]], zones=[taxonomy["municipio"]]
    )
    shop.make_offer(accredited, price="18.50", unit="hour", pricing_kind="accredited")
    shop.make_offer(market, price="17.00", unit="session", pricing_kind="market")
    return {"accredited": accredited, "market": market, **taxonomy}


def log_in(page, base, email, next_url):
    page.goto(f"{base}/it/shop/accounts/login/?next={next_url}")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", "wemi-cittadino")
    page.click("button[name=login_submit]")
    page.wait_for_url(f"**{next_url}")


def cards(page):
    return page.locator(".search-results article")


def test_anonymous_visitors_see_full_prices_clearly_labelled(live_server, page, priced_services):
    page.goto(f"{live_server.url}/it/cerca/?sort=price")
    first, second = cards(page).nth(0), cards(page).nth(1)
    assert first.locator("h3").inner_text() == "Alfa badante privata"
    assert second.locator("h3").inner_text() == "Zeta assistenza accreditata"
    assert "Prezzo pieno" in second.inner_text() and "18,50" in second.inner_text()
    note = page.locator("#search-price-note")
    assert note.is_visible() and "prezzi pieni" in note.inner_text()
    assert "next=" in note.locator("a").get_attribute("href")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_citizen_sees_and_sorts_by_the_price_she_pays(live_server, page, priced_services, width):
    page.set_viewport_size({"width": width, "height": 900})
    shop.make_citizen("maria@wemi.example", password="wemi-cittadino", isee="12000")
    log_in(page, live_server.url, "maria@wemi.example", "/it/cerca/?sort=price")
    first = cards(page).nth(0)
    assert first.locator("h3").inner_text() == "Zeta assistenza accreditata"
    price = first.locator(".search-hit-price")
    assert price.is_visible()
    assert "5,55" in price.inner_text()  # 30 % of 18.50
    assert "18,50" in price.inner_text()  # and the full price, for comparison
    assert "Il tuo prezzo" in first.inner_text()
    note = page.locator("#search-price-note").inner_text()
    assert "12.000" in note and "30 %" in note


def test_the_service_page_and_basket_explain_the_price(live_server, page, priced_services):
    service = priced_services["accredited"]
    shop.make_citizen("maria@wemi.example", password="wemi-cittadino", isee="12000")
    log_in(page, live_server.url, "maria@wemi.example", service.url)
    explanation = page.locator("#price-explanation")
    assert explanation.is_visible()
    assert "12.000" in explanation.inner_text() and "30 %" in explanation.inner_text()


def test_a_citizen_without_isee_is_warned_before_paying(live_server, page, priced_services):
    service = priced_services["accredited"]
    shop.make_citizen("senza.isee@wemi.example", password="wemi-cittadino")
    log_in(page, live_server.url, "senza.isee@wemi.example", service.url)
    page.check("input[name=offer]", force=True)
    page.fill("#id_street", "Via Brera 3")
    page.select_option("#id_zone", str(priced_services["brera"].pk))
    page.click("form[action*='/add/'] button[type=submit]")
    page.wait_for_url("**/basket/**")
    warning = page.locator("#price-explanation")
    assert warning.is_visible()
    assert "18,50" in warning.inner_text()  # what she is about to pay
    link = warning.locator("a")
    assert "/shop/isee/" in link.get_attribute("href") and "next=" in link.get_attribute("href")
