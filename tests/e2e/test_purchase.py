"""The whole purchase in a browser: service page -> basket -> checkout -> order -> receipt."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import factories as shop

from .shopping import check_out_paying_the_provider
from .site_data import home_care_service

Order = get_model("order", "Order")


@pytest.fixture
def accredited_service(transactional_db, home_page):
    _provider, service, quartiere = home_care_service(accredited=True)
    offer = shop.make_offer(
        service, price="22.00", unit="hour", pricing_kind="accredited", capacity=8
    )
    return service, offer, quartiere


def test_citizen_buys_a_service_and_downloads_the_receipt(live_server, page, accredited_service):
    service, offer, quartiere = accredited_service
    shop.make_citizen("maria@wemi.example", password="wemi-cittadino", isee="12000")
    base = live_server.url

    page.goto(f"{base}/it/shop/accounts/login/?next={service.url}")
    page.fill("#id_login-username", "maria@wemi.example")
    page.fill("#id_login-password", "wemi-cittadino")
    page.click("button[name=login_submit]")
    page.wait_for_url(f"**{service.url}")

    offers = page.locator("#offers-heading").locator("xpath=..")
    assert "6,60" in offers.inner_text()  # her price: 30 % of 22.00
    page.check(f"input[name=offer][value='{offer.pk}']", force=True)
    page.fill("#id_quantity", "3")
    start = timezone.localdate() + datetime.timedelta(days=7)
    page.fill("#id_start_date", start.isoformat())
    page.check("input[name=frequency][value=weekly]", force=True)
    page.fill("#id_street", "Via Pascoli 12")
    page.select_option("#id_zone", str(quartiere.pk))
    page.click("form[action*='/add/'] button[type=submit]")

    page.wait_for_url("**/shop/basket/")
    assert "Via Pascoli 12" in page.content()
    assert "19,80" in page.inner_text("main")  # 3 h x 6.60
    check_out_paying_the_provider(page)
    order = Order.objects.get()
    assert order.number in page.inner_text("main")

    # The receipt, from the account's order list.
    page.goto(f"{base}/it/shop/accounts/orders/")
    link = page.locator(f"a[href*='/receipts/{order.number}.pdf']").first
    receipt = page.request.get(base + link.get_attribute("href"))
    assert receipt.status == 200
    assert receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF")
