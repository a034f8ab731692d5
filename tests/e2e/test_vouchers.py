"""The family's voucher journey in the browser, through the accessibility gate (axe-core) in
Italian and Arabic: my vouchers, a voucher, the application form with errors, and a checkout
paid with the voucher ("Voucher, the rest to the provider"), then the voucher's transactions."""

from datetime import date, timedelta

import pytest
from oscar.core.loading import get_model

from marketplace.ledger.models import Account, Fund, Tender
from marketplace.ledger.vouchers import grant, open_fund

from .shopping import add_service_to_basket, give_contact
from .site_data import CITIZEN_EMAIL, CITIZEN_PASSWORD
from .test_accessibility import _url, gate, site  # noqa: F401

pytestmark = pytest.mark.e2e
Order = get_model("order", "Order")


def test_family_pays_with_a_voucher_and_pages_pass_axe(gate, site):  # noqa: F811
    service = site.pages["service"]
    today = date.today()
    fund = Fund.objects.create(
        name="Milano 0-18 test", budget_cents=100_000, catalogue_0_18=False,
        applications_from=today - timedelta(days=1), applications_until=today + timedelta(days=9),
        valid_until=today + timedelta(days=300))
    fund.needs.set(service.needs.all())
    open_fund(fund)
    voucher = grant(fund, "RSSMRA80A01F205X", "BNCLCU17C12F205R", 2000, user=site.citizen,
                    minor_name="Luca Bianchi")
    page = gate.page
    for language in ["it", "ar"]:
        gate.visit("login", _url("customer:login", language))
        page.fill('input[name="login-username"]', CITIZEN_EMAIL)
        page.fill('input[name="login-password"]', CITIZEN_PASSWORD)
        with page.expect_navigation():
            page.locator('button[name="login_submit"]').click()
        gate.visit("my vouchers", _url("ledger:mine", language))
        gate.visit("voucher", _url("ledger:voucher", language, voucher.code))
        gate.visit("voucher application", _url("ledger:apply", language, fund.pk))
        page.fill('input[name="minor_fiscal_code"]', "not a code")
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').last.click()
        gate.check("voucher application with errors")
        # Buy the service; pay with the voucher.
        gate.visit("service page", site.url("service", language))
        add_service_to_basket(page, site.zone.pk)
        gate.visit("checkout", _url("checkout:index", language))
        give_contact(page, "Giulia Rossi")
        page.locator('input[name="method"][value="voucher"]').check(force=True)
        gate.check("payment method with a voucher")
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').last.click()
        gate.check("summary with the voucher split")
        page.locator('#place_order_form input[type="checkbox"]').check(force=True)
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').last.click()
        assert "/thank-you/" in page.url, page.url
        gate.visit("voucher after the purchase", _url("ledger:voucher", language, voucher.code))
        page.context.clear_cookies()
    orders = Order.objects.filter(user=site.citizen).order_by("pk")
    assert orders.count() == 2
    # The first order took the whole voucher if it could; the rest went to the provider.
    paid = sum(Tender.objects.filter(line__order__in=orders, method="voucher")
               .values_list("amount", flat=True))
    assert 0 < paid <= 2000
    assert Account.objects.get(pk=voucher.account_id).balance == 2000 - paid
    assert not gate.failures, f"\n{gate.report()}\n"
