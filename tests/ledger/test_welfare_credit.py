"""Employer welfare credit (decision 0030): plans whose budget is the company's money, credit
loaded for employees (one by one, from a CSV file) that never over-commits the budget,
checkout paying vouchers first, then credit, the rest to the provider; capture, release and
refunds back to the sources; the end of the period gives unspent money back to the employer;
the employer's pages show sums, never what anyone bought."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.fulfilment import workflow
from marketplace.ledger import checkout, credit, eligibility, rules
from marketplace.ledger.invariants import all_breaks
from marketplace.ledger.models import Account, Credit, Fund, Tender, Transfer
from marketplace.ledger.posting import AccountExpired, InsufficientFunds
from marketplace.ledger.vouchers import grant, refund_line
from marketplace.organisations import services as organisations
from marketplace.organisations.models import Organisation
from tests.fulfilment.conftest import make_user, place_order
from tests.marketplace.conftest import marketplace_defaults, service, zones  # noqa: F401

from .conftest import PARENT_CF, balance, make_fund, minor_code

pytestmark = pytest.mark.django_db


# Rules -------------------------------------------------------------------------------------

@translation.override("en")
def test_credit_rows_report_each_refusal():
    accepted, refused = rules.credit_rows([
        ["email", "importo"],
        ["Anna@Example.org", "50"],
        ["not-an-address", "10"],
        ["bruno@example.org", "-3"],
        ["bruno@example.org", "12,345"],
        ["anna@example.org", "10"],
        [],
        ["carla@example.org"],
        ["dario@example.org", "€ 20,50", "ar"],
    ])
    assert accepted == [(2, "anna@example.org", 5000, ""), (9, "dario@example.org", 2050, "ar")]
    reasons = {number: reason for number, _text, reason in refused}
    assert set(reasons) == {3, 4, 5, 6, 8}
    assert "e-mail" in reasons[3]
    assert "amount" in reasons[4] and "amount" in reasons[5]
    assert "earlier row" in reasons[6]


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2))
def test_parse_amount_reads_what_is_written(amount):
    assert rules.parse_amount(str(amount)) == rules.to_cents(amount)
    assert rules.parse_amount(str(amount).replace(".", ",")) == rules.to_cents(amount)


@pytest.mark.parametrize("text", ["0", "-1", "1.234", "abc", "", "NaN", "Infinity"])
def test_parse_amount_refuses(text):
    assert rules.parse_amount(text) is None


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_returned_closes_the_account_of_a_credit(spent, remaining, extra):
    granted = spent + remaining + extra
    assert rules.credit_returned(granted, spent, remaining) == extra


# Fixtures ----------------------------------------------------------------------------------

@pytest.fixture
def company(db):
    representative = make_user(email="hr@azienda.example")
    comune = make_user(email="comune@wemi.example")
    organisation = organisations.register(
        representative, kind="company", name="Azienda Rossi", tax_code="07654320154",
        address="Via Torino 1, Milano")
    organisations.review(organisation, comune, Organisation.Status.VERIFIED)
    return organisation


@pytest.fixture
def representative(company):
    return company.members.get().user


def make_plan(company, budget=10000, **fields):
    today = timezone.localdate()
    return credit.create_plan(
        company, fields.pop("name", "Welfare 2027"), fields.pop("valid_from", today),
        fields.pop("valid_until", today + timedelta(days=90)), budget, **fields)


@pytest.fixture
def plan(company):
    return make_plan(company)


# Plans and loads ---------------------------------------------------------------------------

def test_plan_budget_comes_from_outside_once(company):
    plan = make_plan(company, budget=50000)
    assert plan.account(Account.Kind.FUND).balance == 50000
    assert Transfer.objects.filter(kind="load", destination__fund=plan).count() == 1
    assert credit.employer_account(company).balance == 0
    assert all_breaks() == []


def test_loads_never_over_commit_the_budget_and_replays_change_nothing(plan, citizen):
    first, created = credit.load(plan, citizen.email.upper(), 6000, "k1")
    assert created and first.user == citizen and first.amount == 6000
    again, created = credit.load(plan, citizen.email, 6000, "k1")
    assert (again.pk, again.amount, again.replayed, created) == (first.pk, 6000, True, False)
    with pytest.raises(credit.BudgetExhausted):
        credit.load(plan, "someone@example.org", 4001, "k2")
    assert not Credit.objects.filter(email="someone@example.org").exists()
    topped, created = credit.load(plan, citizen.email, 4000, "k3")
    assert (topped.pk, topped.amount, created) == (first.pk, 10000, False)
    assert plan.account(Account.Kind.FUND).balance == 0
    assert all_breaks() == []


def test_credit_for_an_address_without_account_attaches_at_login(plan):
    loaded, _created = credit.load(plan, "nuovo@example.org", 1000, "k")
    assert loaded.user is None
    person = make_user(email="nuovo@example.org")
    client = Client()
    client.force_login(person)  # fires user_logged_in
    loaded.refresh_from_db()
    assert loaded.user == person


def test_no_load_after_the_period(company):
    today = timezone.localdate()
    plan = make_plan(company, valid_from=today - timedelta(days=30),
                     valid_until=today - timedelta(days=1))
    with pytest.raises(credit.PlanClosed):
        credit.load(plan, "a@example.org", 100, "k")


def test_credit_buys_everything_unless_the_plan_names_needs(plan, citizen, provider_a):
    assert eligibility.eligible_products(plan, [provider_a.offer.product]) == {
        provider_a.offer.product_id}


# Checkout ----------------------------------------------------------------------------------

@pytest.fixture
def voucher_and_credit(monkeypatch, plan, citizen):
    """A voucher of 15 EUR that pays everything and 10 EUR of credit."""
    real = eligibility.eligible_products
    monkeypatch.setattr(eligibility, "eligible_products",
                        lambda fund, products: {p.pk for p in products}
                        if fund.kind == Fund.Kind.COMUNE_VOUCHER else real(fund, products))
    voucher = grant(make_fund(), PARENT_CF, minor_code(1), 1500, user=citizen)
    employee, _created = credit.load(plan, citizen.email, 1000, "k")
    return voucher, employee


def test_voucher_then_credit_then_provider(voucher_and_credit, citizen, provider_a):
    voucher, employee = voucher_and_credit
    order = place_order(citizen, provider_a.offer, quantity=2)  # 40.00 EUR
    checkout.pay_with_vouchers(order, citizen, actor=citizen)
    line = order.lines.get()
    assert {t.method: t.amount for t in Tender.objects.filter(line=line)} == {
        "voucher": 1500, "credit": 1000, "pay-provider": 1500}
    assert (balance(voucher.account), balance(employee.account)) == (0, 0)
    sources = {s.source_type.code: s.amount_allocated for s in order.sources.all()}
    assert sources == {"voucher": Decimal("15.00"), "welfare-credit": Decimal("10.00"),
                       "pay-provider": Decimal("15.00")}
    from marketplace.ledger.templatetags.ledger_tags import paid_how

    with translation.override("en"):
        how = paid_how(line)
    # Codes are isolated left to right (U+2066…U+2069), for right-to-left pages.
    assert f"Welfare credit \u2066{employee.code}\u2069" in how and "Voucher" in how
    assert all_breaks() == []


def test_payment_label_names_what_the_citizen_has(voucher_and_credit, citizen, provider_a):
    method = checkout.VoucherPayment()
    order = place_order(citizen, provider_a.offer)
    with translation.override("en"):
        assert str(method.label(order.basket, citizen)) == (
            "Voucher and welfare credit, the rest to the provider")
        assert method.summary(order.basket, citizen) == {
            "voucher": Decimal("15.00"), "credit": Decimal("5.00"), "provider": Decimal("0.00")}


def test_capture_release_and_refund_go_back_to_the_sources(
        voucher_and_credit, citizen, provider_a, django_capture_on_commit_callbacks):
    voucher, employee = voucher_and_credit
    declined = place_order(citizen, provider_a.offer)  # 20 EUR: 15 voucher, 5 credit
    checkout.pay_with_vouchers(declined, citizen)
    workflow.decline(declined.lines.get(), provider_a.staff, "No one free")
    assert (balance(voucher.account), balance(employee.account)) == (1500, 1000)

    order = place_order(citizen, provider_a.offer)
    checkout.pay_with_vouchers(order, citizen)
    line = order.lines.get()
    workflow.accept(line, provider_a.staff, timezone.now() + timedelta(days=1))
    workflow.mark_delivered(line, provider_a.staff)
    assert balance(Account.payable(employee.fund, provider_a.partner)) == 500
    assert balance(employee.fund.account(Account.Kind.HOLD)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan = refund_line(line, 1000, "r1")  # half of 15 + 5
    by_method = {Tender.objects.get(pk=pk).method: cents for pk, cents in plan.items()}
    assert by_method == {"voucher": 750, "credit": 250}
    assert balance(employee.account) == 750
    # The family's e-mail says each part went back where it came from.
    body = mail.outbox[0].body
    assert voucher.code in body and "7,50" in body
    assert "Azienda Rossi" in body and "2,50" in body
    assert all_breaks() == []


def test_a_spent_credit_refuses_the_order_and_writes_nothing(plan, citizen, provider_a):
    employee, _created = credit.load(plan, citizen.email, 1000, "k")
    order = place_order(citizen, provider_a.offer)
    payers = checkout.payers_of(citizen)
    credit.load(plan, "other@example.org", 100, "k2")
    Account.objects.filter(pk=employee.account_id).update(balance=0)  # spent elsewhere
    from marketplace.ledger.vouchers import hold

    with pytest.raises(InsufficientFunds) as refused:
        hold(payers[0], order.lines.get(), 1000, "h", method=Tender.Method.CREDIT)
    assert str(refused.value)
    assert not Tender.objects.filter(line__order=order).exists()
    Account.objects.filter(pk=employee.account_id).update(balance=1000)


def test_placement_refuses_when_the_split_changed_since_the_summary(
        plan, citizen, provider_a):
    employee, _created = credit.load(plan, citizen.email, 1000, "k")
    order = place_order(citizen, provider_a.offer)  # 20 EUR: the summary said 10 of credit
    Account.objects.filter(pk=employee.account_id).update(balance=400)  # spent meanwhile
    with translation.override("it"), pytest.raises(checkout.SplitChanged) as changed:
        checkout.pay_with_vouchers(order, citizen, expected=(0, 1000))
    assert "nulla è stato ordinato" in str(changed.value)
    assert not Tender.objects.filter(line__order=order).exists()
    Account.objects.filter(pk=employee.account_id).update(balance=1000)
    checkout.pay_with_vouchers(order, citizen, expected=(0, 1000))
    assert Tender.objects.get(line__order=order, method="credit").amount == 1000


def test_a_lapsed_credit_cannot_pay(plan, citizen, provider_a):
    employee, _created = credit.load(plan, citizen.email, 1000, "k")
    order = place_order(citizen, provider_a.offer)
    from marketplace.ledger.vouchers import hold

    with pytest.raises(AccountExpired):
        hold(employee, order.lines.get(), 500, "h", method=Tender.Method.CREDIT,
             on_date=plan.valid_until + timedelta(days=1))
    assert checkout.payers_of(citizen, plan.valid_until + timedelta(days=1)) == []


def test_a_plan_not_yet_begun_does_not_pay(company, citizen):
    today = timezone.localdate()
    plan = make_plan(company, valid_from=today + timedelta(days=5),
                     valid_until=today + timedelta(days=50))
    credit.load(plan, citizen.email, 1000, "k")
    assert checkout.payers_of(citizen) == []


# End of the period -------------------------------------------------------------------------

def test_lapse_returns_unspent_credit_and_budget_to_the_employer_once(
        company, plan, citizen, provider_a):
    employee, _created = credit.load(plan, citizen.email, 3000, "k")
    order = place_order(citizen, provider_a.offer)  # 20 EUR held
    checkout.pay_with_vouchers(order, citizen)
    after = plan.valid_until + timedelta(days=1)
    assert credit.lapse(plan, after) == 1000 + 7000
    assert credit.lapse(plan, after) == 0
    employer = credit.employer_account(company)
    assert employer.balance == 8000
    # Money released after the lapse goes back to the employer too, never to the employee.
    Account.objects.filter(pk=employee.account_id).update(
        valid_until=timezone.localdate() - timedelta(days=1))
    workflow.decline(order.lines.get(), provider_a.staff, "No one free")
    assert balance(employer) == 10000
    assert balance(employee.account) == 0
    rows, totals = credit.plan_totals(plan)
    assert (rows[0]["granted"], rows[0]["spent"], rows[0]["remaining"],
            rows[0]["returned"]) == (3000, 0, 0, 3000)
    assert all_breaks() == []


def test_lapse_command_is_idempotent_and_scheduled(company, citizen):
    today = timezone.localdate()
    plan = make_plan(company, valid_from=today - timedelta(days=30),
                     valid_until=today + timedelta(days=1))
    credit.load(plan, citizen.email, 2500, "k")
    Fund.objects.filter(pk=plan.pk).update(valid_until=today - timedelta(days=1))
    call_command("lapse_welfare_credit")
    call_command("lapse_welfare_credit")
    assert credit.employer_account(company).balance == 10000
    assert Transfer.objects.filter(kind="return").count() == 2
    call_command("check_ledgers")
    from scheduler.registry import jobs

    assert "lapse_welfare_credit" in {job.command for job in jobs()}


# Pages -------------------------------------------------------------------------------------

def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_employer_creates_a_plan_loads_credit_and_sees_only_sums(
        company, representative, citizen, provider_a, django_capture_on_commit_callbacks):
    client = _client(representative)
    with translation.override("it"):
        plans_url = reverse("welfare:plans", kwargs={"pk": company.pk})
    today = timezone.localdate()
    response = client.post(plans_url, {
        "name": "Welfare 2027", "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=60)).isoformat(), "budget": "100"})
    assert response.status_code == 302
    plan = Fund.objects.get(organisation=company)
    plan_url = response["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(plan_url, {
            "action": "load", "load-email": citizen.email, "load-amount": "30",
            "load-language": "ar", "load-request_key": "6f1c1f3e-4b8e-4a57-9a3c-0a3f1c2b9e10"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and citizen.email in mail.outbox[0].to
    assert "\u0627" in mail.outbox[0].subject  # written in Arabic
    # Over budget: refused with the reason, what was typed kept.
    response = client.post(plan_url, {
        "action": "load", "load-email": "b@example.org", "load-amount": "80",
        "load-language": "it", "load-request_key": "0b5e1d44-2a7c-4d1e-8d7e-3f4a1e2b3c4d"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "b@example.org" in page and "budget" in page.lower()

    order = place_order(citizen, provider_a.offer)
    checkout.pay_with_vouchers(order, citizen)
    page = client.get(plan_url).content.decode()
    export = client.get(reverse("welfare:export", kwargs={"pk": company.pk,
                                                          "plan_pk": plan.pk}))
    csv_text = export.content.decode()
    assert citizen.email in page and citizen.email in csv_text
    assert "20,00" in page or "20.00" in page
    # Never what the employee bought: no service, provider, order number.
    for secret in (str(order.number), provider_a.offer.product.title, provider_a.partner.name):
        assert secret not in page and secret not in csv_text


def test_csv_import_reports_refused_rows_and_replays_nothing(company, representative):
    plan = make_plan(company, budget=5000)
    client = _client(representative)
    url = reverse("welfare:plan", kwargs={"pk": company.pk, "plan_pk": plan.pk})
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = (b"email;amount\nanna@example.org;20\nbad;5\nbruno@example.org;40\n"
            b"anna@example.org;1\n")

    def upload():
        return client.post(url, {"action": "import", "import-language": "es",
                                 "import-file": SimpleUploadedFile("c.csv", body)})

    page = upload().content.decode()
    assert Credit.objects.get(email="anna@example.org").amount == 2000
    assert not Credit.objects.filter(email="bruno@example.org").exists()  # over budget
    assert page.count("<tr><td>") == 3  # bad address, over budget, duplicate
    upload()
    assert Credit.objects.get(email="anna@example.org").amount == 2000
    assert all_breaks() == []


def test_only_the_companys_representative_sees_its_welfare(company, citizen):
    response = _client(citizen).get(reverse("welfare:plans", kwargs={"pk": company.pk}))
    assert response.status_code == 404


def test_employee_sees_own_credit_and_movements(plan, citizen):
    credit.load(plan, citizen.email, 1200, "k")
    other = make_user(email="altro@example.org")
    credit.load(plan, other.email, 300, "k")
    with translation.override("ar"):
        url = reverse("credit:mine")
    page = _client(citizen).get(url).content.decode()
    assert "Azienda Rossi" in page and "12,00" in page or "12.00" in page
    assert "3,00" not in page and "3.00" not in page
    assert 'dir="rtl"' in page


# Demo seed ---------------------------------------------------------------------------------

def test_seed_gives_two_employees_credit_and_a_three_way_order(company, service, zones):  # noqa: F811
    from marketplace import factories as shop
    from marketplace.ledger.management.commands.seed_vouchers import (
        COMPANY_TAX_CODE,
        MIXED_ORDER,
        Command,
    )
    from marketplace.order.models import Order

    assert company.tax_code == COMPANY_TAX_CODE
    citizen = shop.make_citizen("cittadino@wemi.example", isee="12000")
    shop.make_citizen("famiglia.hassan@wemi.example", isee="9000")
    offer = shop.make_offer(service, price="480.00", pricing_kind="market")
    fund = make_fund()
    fund.needs.set(service.needs.all())
    grant(fund, PARENT_CF, minor_code(1), 10000, user=citizen)
    command = Command()
    command.stdout = __import__("io").StringIO()
    for _run in range(2):
        command.welfare(fund, [offer])
    plan = Fund.objects.get(organisation=company)
    assert {c.email: c.amount for c in plan.credits.all()} == {
        "famiglia.hassan@wemi.example": 30000, "cittadino@wemi.example": 19000}
    order = Order.objects.get(number=MIXED_ORDER)
    assert set(Tender.objects.filter(line__order=order).values_list("method", flat=True)) == {
        "voucher", "credit", "pay-provider"}
    assert all_breaks() == []


# The real checkout ------------------------------------------------------------------------

def test_checkout_refuses_when_the_credit_was_spent_after_the_summary(
        company, service, zones):  # noqa: F811
    """The summary shows 20 EUR of credit; another order spends it before the confirmation:
    no order, the basket intact, a message in the citizen's language on the payment step."""
    from django.contrib.messages import get_messages
    from oscar.core.loading import get_model

    from marketplace import factories as shop
    from tests.marketplace.helpers import add_to_basket_url, basket_post
    from tests.marketplace.helpers import place_order as post

    Basket = get_model("basket", "Basket")
    Order = get_model("order", "Order")
    employee = shop.make_citizen("dipendente@example.org", isee="12000")
    offer = shop.make_offer(service, price="20.00", pricing_kind="market")
    plan = make_plan(company, budget=10000)
    employee_credit, _created = credit.load(plan, employee.email, 10000, "k")
    client = _client(employee)
    start = timezone.localdate() + timedelta(days=7)
    with translation.override("es"):
        assert client.post(add_to_basket_url(service),
                           basket_post(offer, zones["municipio_3"], start)).status_code == 302
        client.post(reverse("checkout:contact"), {"name": "Ana", "phone": "+39 02 1234567"})
        assert client.post(reverse("checkout:payment-method"),
                           {"method": "voucher"}).status_code == 302
        preview = client.get(reverse("checkout:preview"))
        assert preview.status_code == 200
        assert "Crédito de bienestar: 20,00" in preview.content.decode().replace("\xa0", " ")
        # Another order takes all but 5 EUR of the credit meanwhile.
        other = place_order(employee, offer)
        from marketplace.ledger.vouchers import hold

        hold(employee_credit, other.lines.get(), 9500, "elsewhere", method=Tender.Method.CREDIT)
        response = post(client)
        assert response.status_code == 302
        assert response["Location"] == reverse("checkout:payment-method")
        texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("nada" in text for text in texts), texts  # "no se ha pedido nada"
    assert not Order.objects.filter(user=employee).exclude(pk=other.pk).exists()
    basket = Basket.objects.get(owner=employee, status=Basket.OPEN)
    assert basket.num_lines == 1
    assert all_breaks() == []


@pytest.mark.parametrize("language", ["it", "ar"])
def test_the_import_help_keeps_each_language_code_whole_and_left_to_right(
        company, representative, language):
    """An Arabic page broke "zh-hans" at its hyphen at 390 px: each code is a <code> element
    kept on one line and isolated left to right, in the help text's translated sentence."""
    plan = make_plan(company, budget=5000)
    with translation.override(language):
        url = reverse("welfare:plan", kwargs={"pk": company.pk, "plan_pk": plan.pk})
    page = _client(representative).get(url).content.decode()
    for code in ("it", "en", "ar", "zh-hans", "es"):
        assert f'<code class="text-nowrap" dir="ltr">{code}</code>' in page
    with translation.override(language):
        sentence = translation.gettext("Used for rows without a third column: %(codes)s.")
    assert sentence.split("%(codes)s")[0] in page
