"""Employer welfare credit in the browser (decision 0030), through the accessibility gate in
Italian and Arabic: the company's representative creates a plan and loads credit for an
employee; the employee sees it and buys a service paid with voucher + welfare credit + the
provider. Then the same purchase with the keyboard only."""

from datetime import date, timedelta

import pytest
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.ledger.models import Fund, Tender
from marketplace.ledger.vouchers import grant, open_fund
from marketplace.organisations import services as organisations
from marketplace.organisations.models import Organisation

from .keyboard import add_to_basket_with_keys, check_out_with_keys, log_in_with_keys
from .shopping import add_service_to_basket, give_contact
from .shots import shoot
from .site_data import CITIZEN_EMAIL, CITIZEN_PASSWORD
from .test_accessibility import _url, gate, site  # noqa: F401
from .test_keyboard import assert_accessible

pytestmark = pytest.mark.e2e
Order = get_model("order", "Order")
EMPLOYER_EMAIL = "welfare@azienda.example"
EMPLOYER_PASSWORD = "wemi-azienda-2026"


def company_and_voucher(data):
    """A verified company with its representative, and a 5 EUR voucher for the citizen."""
    representative = shop.make_citizen(email=EMPLOYER_EMAIL, password=EMPLOYER_PASSWORD,
                                       first_name="Chiara", last_name="Colombo")
    company = organisations.register(representative, kind="company", name="Rossi Logistica",
                                     tax_code="07654320154", address="Via Torino 1, Milano")
    organisations.review(company, representative, Organisation.Status.VERIFIED)
    today = date.today()
    fund = Fund.objects.create(
        name="Milano 0-18 test", budget_cents=100_000, catalogue_0_18=False,
        applications_from=today - timedelta(days=1), applications_until=today + timedelta(days=9),
        valid_until=today + timedelta(days=300))
    fund.needs.set(data.pages["service"].needs.all())
    open_fund(fund)
    grant(fund, "RSSMRA80A01F205X", "BNCLCU17C12F205R", 500, user=data.citizen,
          minor_name="Luca Bianchi")
    return company


def log_in(page, checker, language, email, password):
    checker.visit("login", _url("customer:login", language))
    page.fill('input[name="login-username"]', email)
    page.fill('input[name="login-password"]', password)
    with page.expect_navigation():
        page.locator('button[name="login_submit"]').click()


def test_employer_loads_credit_employee_pays_with_voucher_and_credit(gate, site):  # noqa: F811
    company = company_and_voucher(site)
    page = gate.page
    today = date.today()
    for index, language in enumerate(["it", "ar"]):
        log_in(page, gate, language, EMPLOYER_EMAIL, EMPLOYER_PASSWORD)
        gate.visit("organisation", _url("marketplace_organisations:detail", language,
                                         company.pk))
        gate.visit("welfare plans", _url("welfare:plans", language, company.pk))
        if index == 0:
            page.fill('input[name="name"]', "Welfare 2027")
            page.fill('input[name="valid_from"]', today.isoformat())
            page.fill('input[name="valid_until"]', "1999-01-01")  # in the past: refused
            page.fill('input[name="budget"]', "100")
            with page.expect_navigation():
                page.locator('main form button[type="submit"]').last.click()
            gate.check("new plan with errors")
            shoot(page, f"welfare-new-plan-errors-{language}")
            assert page.locator('input[name="name"]').input_value() == "Welfare 2027"
            page.fill('input[name="valid_until"]', (today + timedelta(days=90)).isoformat())
            with page.expect_navigation():
                page.locator('main form button[type="submit"]').last.click()
        plan = Fund.objects.get(organisation=company)
        gate.visit("welfare plan", _url("welfare:plan", language, company.pk, plan.pk))
        page.fill('input[name="load-email"]', CITIZEN_EMAIL)
        page.fill('input[name="load-amount"]', "5")
        with page.expect_navigation():
            page.locator('form:has(input[value="load"]) button[type="submit"]').click()
        gate.check("welfare plan after a load")
        assert CITIZEN_EMAIL in page.locator("main").inner_text()
        shoot(page, f"welfare-plan-{language}")
        page.context.clear_cookies()

        log_in(page, gate, language, CITIZEN_EMAIL, CITIZEN_PASSWORD)
        gate.visit("my welfare credit", _url("credit:mine", language))
        gate.visit("service page", site.url("service", language))
        add_service_to_basket(page, site.zone.pk)
        gate.visit("checkout", _url("checkout:index", language))
        give_contact(page, "Giulia Rossi")
        page.locator('input[name="method"][value="voucher"]').check(force=True)
        gate.check("payment method with voucher and credit")
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').last.click()
        gate.check("summary with voucher, credit and provider")
        shoot(page, f"welfare-summary-{language}")
        assert page.locator('[data-testid="payment-split"]').count() == 1
        page.locator('#place_order_form input[type="checkbox"]').check(force=True)
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').last.click()
        assert "/thank-you/" in page.url, page.url
        order = Order.objects.filter(user=site.citizen).order_by("-pk").first()
        gate.visit("order", _url("customer:order", language, order.number))
        shoot(page, f"welfare-order-{language}")
        gate.visit("my welfare credit after", _url("credit:mine", language))
        shoot(page, f"welfare-my-credit-{language}")
        page.context.clear_cookies()
    orders = Order.objects.filter(user=site.citizen).order_by("pk")
    assert orders.count() == 2
    # Order 1: the whole voucher (5), 5 of credit, the rest to the provider; order 2 (the
    # voucher is spent): the second 5 of credit and the provider.
    first = {t.method: t.amount for t in Tender.objects.filter(line__order=orders[0])}
    second = {t.method: t.amount for t in Tender.objects.filter(line__order=orders[1])}
    assert first["voucher"] == 500 and first["credit"] == 500 and first["pay-provider"] > 0
    assert "voucher" not in second and second["credit"] == 500
    assert not gate.failures, f"\n{gate.report()}\n"


@pytest.mark.parametrize("language", ["it", "ar"])
def test_keyboard_only_purchase_with_voucher_and_credit(page, live_server, site,  # noqa: F811
                                                        language):
    from marketplace.ledger import credit

    company = company_and_voucher(site)
    today = date.today()
    plan = credit.create_plan(company, "Welfare", today, today + timedelta(days=90), 10000)
    credit.load(plan, CITIZEN_EMAIL, 500, "k")
    page.goto(f"{live_server.url}/{language}/")
    log_in_with_keys(page, CITIZEN_EMAIL, CITIZEN_PASSWORD)
    page.goto(f"{live_server.url}{site.url('service', language)}")
    add_to_basket_with_keys(page, site.zone.pk)
    check_out_with_keys(page, method="voucher", check=assert_accessible)
    order = Order.objects.get(user=site.citizen)
    methods = {t.method: t.amount for t in Tender.objects.filter(line__order=order)}
    assert methods["voucher"] == 500 and methods["credit"] == 500
