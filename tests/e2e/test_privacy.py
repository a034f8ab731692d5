"""A citizen downloads their data (JSON, PDF) and deletes the account from the browser, in
Italian and in Arabic: the open request is cancelled, the login stops working, and the
same address can register again."""

import io
import json

import pytest
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order
from pypdf import PdfReader

from marketplace import factories as shop
from marketplace.fulfilment import statuses

from .site_data import home_care_service
from .test_emails_and_payment import login, recreate_permissions

Basket = get_model("basket", "Basket")
User = get_model("marketplace_accounts", "User")

PASSWORD = "wemi-cittadina"


@pytest.fixture
def shop_site(transactional_db, home_page, settings, live_server):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    recreate_permissions()
    provider, service, quartiere = home_care_service()
    offer = shop.make_offer(service, price="18.00", unit="hour", pricing_kind="market")
    return provider, service, offer, quartiere


def citizen_with_a_request(email, offer):
    citizen = shop.make_citizen(email, password=PASSWORD)
    citizen.first_name = "Giulia"
    citizen.save()
    basket = Basket.objects.create(owner=citizen)
    basket.strategy = Default()
    basket.add_product(offer.product, 1)
    order = create_order(basket=basket, user=citizen)
    return citizen, order


@pytest.mark.parametrize("language", ["it", "ar"])
def test_citizen_downloads_and_deletes_their_data(live_server, page, shop_site, language):
    _provider, _service, offer, _zone = shop_site
    email = f"giulia.{language}@wemi.example"
    citizen, order = citizen_with_a_request(email, offer)
    base = live_server.url
    login(page, base, language, email, PASSWORD)
    page.goto(f"{base}/{language}/shop/accounts/")
    page.click('[data-element="privacy-link"]')
    page.wait_for_url(f"**/{language}/shop/accounts/my-data/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    with page.expect_download() as download:
        page.click('[data-element="download-json"]')
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["account"] == email and data["language"] == language
    orders = next(s for s in data["sections"] if s["key"] == "orders")
    assert orders["records"][0]["number"] == str(order.number)

    with page.expect_download() as download:
        page.click('[data-element="download-pdf"]')
    reader = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    assert email in "".join(p.extract_text() for p in reader.pages)

    page.click('[data-element="delete-account"]')
    page.wait_for_url(f"**/{language}/shop/accounts/my-data/delete/")
    assert "2220" in page.content()
    # A wrong password: a message, the input kept, nothing erased.
    page.fill("#id_password", "not-my-password")
    page.click('label[for="id_understood"]')
    page.click("#confirm-delete")
    page.wait_for_load_state()
    assert page.locator("#id_password-errors").is_visible()
    assert page.is_checked("#id_understood")
    assert User.objects.get(pk=citizen.pk).is_active

    page.fill("#id_password", PASSWORD)
    page.click("#confirm-delete")
    page.wait_for_url(f"**/{language}/shop/accounts/my-data/deleted/")
    erased = User.objects.get(pk=citizen.pk)
    assert not erased.is_active and erased.email != email
    assert order.lines.get().status == statuses.CANCELLED

    # Logged out: the account asks to log in, and the old password no longer works.
    page.goto(f"{base}/{language}/shop/accounts/my-data/")
    assert "/login/" in page.url
    login(page, base, language, email, PASSWORD)
    assert "/login/" in page.url
