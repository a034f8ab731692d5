"""Issue #15's Done-when journey in the browser, in Italian and in Arabic: a family applies for
a voucher online, the Comune operator approves it in /cms/, the family buys a child's activity
with it, cancels, and the voucher's balance comes back; the operator sees the fund's balance
and the provider settlement. Every page passes axe (the accessibility gate). A second test
gates the family's voucher pages in the five languages and the Comune's voucher pages (fund
list, fund with its applications, CSV import report, voucher, refund, settlement).

Screenshots (1280 and 390 px) of the family's vouchers, the checkout summary and the
operator's fund page go to ``WEMI_SHOTS_DIR`` when it is set."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.users.models import UserProfile

from content import factories
from marketplace import factories as shop
from marketplace.fulfilment import workflow
from marketplace.fulfilment.roles import ensure_operators_group
from marketplace.ledger import checkout
from marketplace.ledger.invariants import all_breaks
from marketplace.ledger.models import Account, Fund, Voucher
from marketplace.ledger.vouchers import grant, open_fund

from .axe import axe_violations, describe
from .shopping import add_service_to_basket, give_contact
from .shots import shoot
from .site_data import home_care_service
from .test_accessibility import LANGUAGES, Gate, _url
from .test_emails_and_payment import recreate_permissions
from .test_sharing_journeys import in_language

pytestmark = pytest.mark.e2e
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

PASSWORD = "wemi-cittadino"
HOLDER_CF = "RSSMRA80A01F205X"
MINOR_CF = "BNCLCU17C12F205R"  # born on 12 March 2017


class AdminGate(Gate):
    """The gate for /cms/ pages: axe only (Wagtail's admin does not use the theme's
    Bootstrap Italia, whose purged classes the public gate also looks for)."""

    def check(self, label):
        # Wagtail's messages fade in: measure colours once every animation has finished.
        self.page.evaluate(
            "() => Promise.race([Promise.all(document.getAnimations().map((a) => a.finished)),"
            " new Promise((done) => setTimeout(done, 3000))])")
        self.visited.append(self.page.url)
        violations = axe_violations(self.page)
        if violations:
            self.failures.append(describe(label, self.page.url, violations))


@pytest.fixture
def voucher_world(transactional_db, home_page, settings, live_server):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    recreate_permissions()
    provider, service, quartiere = home_care_service()
    activity = factories.make_service(
        provider, "Corso di nuoto", needs=list(service.needs.all()), serves_whole_city=True,
        age_from=6, age_to=10, activity_kind="sport",
    )
    offer = shop.make_offer(activity, price="60.00", unit="session", pricing_kind="market",
                            capacity=10)
    today = timezone.localdate()
    fund = Fund.objects.create(
        name="Milano 0-18 – 2026", budget_cents=1_000_000, catalogue_0_18=True,
        applications_from=today - datetime.timedelta(days=1),
        applications_until=today + datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=300),
    )
    open_fund(fund)
    family = shop.make_citizen("famiglia@wemi.example", password=PASSWORD, isee="12000",
                               first_name="Giulia", last_name="Bianchi")
    operator = shop.make_citizen("ufficio.voucher@wemi.example", password=PASSWORD,
                                 first_name="Olga", last_name="Operatrice")
    operator.groups.add(ensure_operators_group())
    staff = shop.make_citizen("segreteria@girasole.example", password=PASSWORD)
    staff.groups.add(provider.staff_group)
    return {"activity": activity, "offer": offer, "fund": fund, "family": family,
            "operator": operator, "staff": staff, "quartiere": quartiere}


def log_in(page, base, email, language, next_url):
    page.goto(f"{base}/{language}/shop/accounts/login/?next={next_url}")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", PASSWORD)
    with page.expect_navigation():
        page.click("button[name=login_submit]")


def admin_speaks(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def balance_of(voucher):
    return Account.objects.get(pk=voucher.account_id).balance


@pytest.mark.parametrize("language", ["it", "ar"])
def test_family_applies_buys_cancels_and_the_operator_sees_fund_and_settlement(
        live_server, browser, page, voucher_world, language):
    world = voucher_world
    fund, family, operator = world["fund"], world["family"], world["operator"]
    base = live_server.url
    gate = Gate(page, base)

    # 1. The family applies online.
    mine = _url("ledger:mine", language)
    log_in(page, base, family.email, language, mine)
    gate.check("my vouchers, none yet")
    with page.expect_navigation():
        page.click(f"a[href='{_url('ledger:apply', language, fund.pk)}']")
    gate.check("voucher application")
    page.fill('input[name="holder_fiscal_code"]', HOLDER_CF)
    page.fill('input[name="minor_name"]', "Luca Bianchi")
    page.fill('input[name="minor_fiscal_code"]', MINOR_CF)
    page.fill('input[name="minor_age"]', "9")
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()
    assert page.url.endswith(mine), page.url
    gate.check("my vouchers, application sent")
    application = fund.applications.get()
    assert (application.user, application.amount) == (family, 40000)  # ISEE 12,000: 400 EUR

    # 2. The Comune operator approves it in /cms/, in the same language.
    admin_speaks(operator, language)
    operator_page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    operator_gate = AdminGate(operator_page, base)
    fund_url = f"/cms/marketplace/vouchers/{fund.pk}/"
    log_in(operator_page, base, operator.email, language, fund_url)
    assert operator_page.url.endswith(fund_url), operator_page.url
    operator_gate.check("fund with an application")
    with operator_page.expect_navigation():
        operator_page.click(f"form:has(input[name=application][value='{application.pk}']) "
                            "button[value=approve]")
    voucher = Voucher.objects.get(fund=fund)
    assert (voucher.user, balance_of(voucher)) == (family, 40000)
    operator_gate.check("fund after approving")

    # 3. The family sees the voucher, then buys the child's swimming course with it.
    page.goto(base + mine)
    assert voucher.code in page.content()
    gate.check("my vouchers with the voucher")
    shoot(page, f"h15d-family-vouchers-{language}")
    gate.visit("the activity", in_language(world["activity"].url, language))
    add_service_to_basket(page, world["quartiere"].pk)
    gate.visit("checkout", _url("checkout:index", language))
    give_contact(page, "Giulia Bianchi")
    page.locator('input[name="method"][value="voucher"]').check(force=True)
    gate.check("payment method: the voucher")
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()
    gate.check("summary paid by the voucher")
    assert "60" in page.locator("main").inner_text()
    shoot(page, f"h15d-checkout-summary-{language}")
    page.locator('#place_order_form input[type="checkbox"]').check(force=True)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()
    assert "/thank-you/" in page.url, page.url
    assert balance_of(voucher) == 34000
    order = Order.objects.get(user=family)

    # 4. The family cancels: the voucher's 60 EUR come back.
    gate.visit("the order", _url("customer:order", language, order.number))
    with page.expect_navigation():
        page.locator("main a[href*='/cancel/']").first.click()
    gate.check("cancel the request")
    with page.expect_navigation():
        page.click("#confirm-cancel")
    assert balance_of(voucher) == 40000
    gate.visit("the voucher after the cancel", _url("ledger:voucher", language, voucher.code))
    movements = page.locator("main table").inner_text()
    assert movements.count("60") >= 2, movements  # held, then released

    # 5. A second purchase is delivered (the provider's side, not under test here); the
    # operator sees the fund's balance and what the Comune owes the provider.
    second = shop_order(family, world["offer"])
    line = second.lines.get()
    workflow.accept(line, world["staff"], timezone.now() + datetime.timedelta(days=2))
    workflow.mark_delivered(line, world["staff"])
    operator_gate.visit("fund with money owed", fund_url)
    figures = operator_page.locator("main table").first.inner_text()
    assert "60" in figures and "340" in figures, figures
    shoot(operator_page, f"h15d-operator-fund-{language}")
    operator_gate.visit("settlement", f"{fund_url}settlement/")
    settlement = operator_page.locator("main").inner_text()
    assert "Cooperativa Sociale Girasole" in settlement and "60" in settlement, settlement
    operator_page.context.close()

    assert all_breaks() == []
    failures = gate.failures + operator_gate.failures
    assert not failures, "\n\n".join(failures)


def shop_order(user, offer):
    from oscar.apps.partner.strategy import Default
    from oscar.test.factories import create_order

    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    basket.add_product(offer.product, 1)
    order = create_order(basket=basket, user=user)
    checkout.pay_with_vouchers(order, user, actor=user)
    return order


def test_voucher_pages_pass_axe_family_in_five_languages_comune_in_italian(
        live_server, browser, page, voucher_world, tmp_path):
    world = voucher_world
    fund, family, operator = world["fund"], world["family"], world["operator"]
    voucher = grant(fund, HOLDER_CF, MINOR_CF, 40000, user=family, minor_name="Luca Bianchi")
    order = shop_order(family, world["offer"])
    line = order.lines.get()
    workflow.accept(line, world["staff"], timezone.now() + datetime.timedelta(days=2))
    workflow.mark_delivered(line, world["staff"])
    base = live_server.url
    gate = Gate(page, base)
    for language in LANGUAGES:
        log_in(page, base, family.email, language, _url("ledger:mine", language))
        gate.check(f"my vouchers ({language})")
        gate.visit(f"voucher ({language})", _url("ledger:voucher", language, voucher.code))
        gate.visit(f"voucher application ({language})", _url("ledger:apply", language, fund.pk))
        page.fill('input[name="minor_fiscal_code"]', "not a code")
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').last.click()
        gate.check(f"voucher application with errors ({language})")
        page.context.clear_cookies()

    admin_speaks(operator, "it")
    admin = "/cms/marketplace/vouchers/"
    admin_gate = AdminGate(page, base)
    log_in(page, base, operator.email, "it", admin)
    admin_gate.check("Comune: voucher funds")
    admin_gate.visit("Comune: new fund", f"{admin}new/")
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()
    admin_gate.check("Comune: new fund with errors")
    admin_gate.visit("Comune: fund", f"{admin}{fund.pk}/")
    grants = tmp_path / "grants.csv"
    grants.write_text("holder,minor,amount\nRSSMRA80A01F205X,BNCLCU15C12F205X,200\n"
                      "RSSMRA80A01F205X,not-a-code,200\n", encoding="utf-8")
    page.set_input_files('input[name="file"]', str(grants))
    with page.expect_navigation():
        page.locator("form:has(input[name=file]) button[type=submit]").click()
    admin_gate.check("Comune: CSV import report")
    assert page.locator("main [role=status] table tbody tr").count() >= 1
    admin_gate.visit("Comune: voucher", f"{admin}vouchers/{voucher.pk}/")
    admin_gate.visit("Comune: refund", f"{admin}lines/{line.pk}/refund/")
    page.fill('input[name="amount"]', "999")
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()
    admin_gate.check("Comune: refund with errors")
    assert page.locator('input[name="amount"]').input_value() == "999"  # kept as typed
    page.fill('input[name="amount"]', "10,50")
    page.fill('input[name="reason"]', "Una lezione annullata")
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()
    admin_gate.check("Comune: refund made")
    assert Voucher.objects.get(pk=voucher.pk).account.balance == 40000 - 6000 + 1050
    admin_gate.visit("Comune: settlement", f"{admin}{fund.pk}/settlement/")
    page.context.clear_cookies()
    # The provider's side: its settlement statement and how the line is paid.
    admin_speaks(world["staff"], "it")
    log_in(page, base, world["staff"].email, "it", f"{admin}settlements/")
    admin_gate.check("provider: voucher settlements")
    admin_gate.visit("provider: the order line", f"/cms/marketplace/orders/lines/{line.pk}/")
    assert voucher.code in page.locator("#line-payment-state").inner_text()
    failures = gate.failures + admin_gate.failures
    assert not failures, "\n\n".join(failures)
