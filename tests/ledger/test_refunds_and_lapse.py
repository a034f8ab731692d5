"""Money back (issue #15): the Comune operator refunds all or part of a delivered line from
/cms/ (pro rata to the sources, idempotent on a double submit, shown on the order and the
voucher); a cancelled voucher keeps the money its open orders release; requests holding
voucher money that no provider answers lapse (``lapse_voucher_orders``, idempotent); the
provider's CSV says how each line is paid."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st
from oscar.core.loading import get_model

from marketplace import line_options
from marketplace.fulfilment import statuses, workflow
from marketplace.ledger import checkout, eligibility, rules
from marketplace.ledger.invariants import all_breaks
from marketplace.ledger.models import Account, Refund, Tender, Transfer
from marketplace.ledger.vouchers import (
    NothingToRefund,
    RefundTooLarge,
    refund_line,
    set_cancelled,
)
from tests.fulfilment.conftest import operator, place_order  # noqa: F401

from .conftest import balance

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
Option = get_model("catalogue", "Option")
LineAttribute = get_model("order", "LineAttribute")




def paid_order(citizen, provider, quantity=2):
    """An order of ``quantity`` x 20 EUR, paid by the voucher (30) and the citizen (rest)."""
    order = place_order(citizen, provider.offer, quantity=quantity)
    checkout.pay_with_vouchers(order, citizen, actor=citizen)
    return order.lines.get()


def deliver(line, provider):
    workflow.accept(line, provider.staff, timezone.now() + timedelta(days=1))
    workflow.mark_delivered(line, provider.staff)


# --- refunds: the rule and the function ---------------------------------------------------


def test_refund_refuses_more_than_refundable_and_undelivered_lines(
        everything_eligible, voucher, citizen, provider_a):
    line = paid_order(citizen, provider_a)
    with pytest.raises(NothingToRefund):
        refund_line(line, 100, "early")  # held, not delivered: nothing captured yet
    deliver(line, provider_a)
    with pytest.raises(RefundTooLarge) as error:
        refund_line(line, 4001, "too-much")
    assert "40" in str(error.value)
    with pytest.raises(RefundTooLarge):
        refund_line(line, 0, "zero")
    assert not Refund.objects.exists()
    assert not Transfer.objects.filter(kind="refund").exists()


def test_partial_refunds_add_up_and_the_last_cent_is_refundable(
        everything_eligible, voucher, citizen, provider_a):
    line = paid_order(citizen, provider_a)  # voucher 30, citizen 10
    deliver(line, provider_a)
    refund_line(line, 1001, "first")
    refund_line(line, 2999, "second")
    tenders = {t.method: t.refunded for t in Tender.objects.filter(line=line)}
    assert tenders == {"voucher": 3000, "pay-provider": 1000}
    assert balance(voucher.account) == 3000
    with pytest.raises(NothingToRefund):
        refund_line(line, 1, "third")
    assert all_breaks() == []


def test_refund_paid_only_by_the_citizen_is_idempotent_too(
        voucher, citizen, provider_a, monkeypatch):
    """A line the voucher could not pay moves no ledger money when refunded: the Refund row
    alone makes a second submission change nothing."""
    monkeypatch.setattr(eligibility, "eligible_products", lambda fund, products: set())
    line = paid_order(citizen, provider_a, quantity=1)
    assert list(Tender.objects.filter(line=line).values_list("method", flat=True)) == [
        "pay-provider"]
    deliver(line, provider_a)
    assert refund_line(line, 500, "once") is not None
    assert refund_line(line, 500, "once") is None
    assert Refund.objects.count() == 1
    assert Tender.objects.get(line=line).refunded == 500
    assert balance(voucher.account) == 3000
    assert all_breaks() == []


def test_refund_after_expiry_goes_to_the_fund_never_to_cash(
        everything_eligible, voucher, citizen, provider_a):
    line = paid_order(citizen, provider_a)
    deliver(line, provider_a)
    Account.objects.filter(pk=voucher.account_id).update(
        valid_until=timezone.localdate() - timedelta(days=1))
    budget = voucher.fund.account(Account.Kind.FUND)
    before = balance(budget)
    refund_line(line, 4000, "late")
    assert balance(budget) == before + 3000
    assert balance(voucher.account) == 0
    assert all_breaks() == []


@pytest.mark.parametrize("language", ["it", "ar"])
def test_the_citizen_is_emailed_once_in_the_orders_language_where_the_refund_went(
        everything_eligible, voucher, citizen, provider_a, language,
        django_capture_on_commit_callbacks):
    line = paid_order(citizen, provider_a)  # voucher 30, citizen 10
    Order.objects.filter(pk=line.order_id).update(language=language)
    deliver(line, provider_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        refund_line(line, 2000, "half", reason="Due sedute non svolte")
    with django_capture_on_commit_callbacks(execute=True):
        assert refund_line(line, 2000, "half") is None  # the same submission again
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [citizen.email]
    html = message.alternatives[0][0]
    assert voucher.code in message.body and voucher.code in html
    assert "Due sedute non svolte" in message.body
    assert str(line.order.number) in message.subject
    if language == "it":
        assert "rimborso" in message.subject.lower()
        assert "15,00" in message.body and "5,00" in message.body  # voucher 15, provider 5
    else:
        assert 'dir="rtl"' in html and 'lang="ar"' in html
        assert message.subject != translation.gettext("Order %(number)s: a refund") % {
            "number": line.order.number}


def test_the_refund_email_says_an_expired_vouchers_part_went_to_the_fund(
        everything_eligible, voucher, citizen, provider_a, django_capture_on_commit_callbacks):
    line = paid_order(citizen, provider_a)
    deliver(line, provider_a)
    Account.objects.filter(pk=voucher.account_id).update(
        valid_until=timezone.localdate() - timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        refund_line(line, 4000, "late")
    body = mail.outbox[0].body
    assert "fondo" in body.lower() and "30,00" in body and "10,00" in body


@given(paid=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=4),
       data=st.data())
def test_refund_plan_is_pro_rata_and_exact(paid, data):
    total = sum(paid)
    amount = data.draw(st.integers(min_value=0, max_value=total))
    plan = rules.refund_plan(dict(enumerate(paid)), amount)
    assert sum(plan.values()) == amount
    assert all(0 <= plan[i] <= cents for i, cents in enumerate(paid))
    if total:
        assert all(abs(plan[i] - amount * cents / total) < 1 + len(paid)
                   for i, cents in enumerate(paid))


# --- refunds through /cms/ ----------------------------------------------------------------


def refund_url(line):
    return reverse("ledger_admin:refund", args=[line.pk])


def test_operator_refunds_from_the_order_page_once_with_a_double_submit(
        client, everything_eligible, voucher, citizen, provider_a, operator):  # noqa: F811
    line = paid_order(citizen, provider_a)
    deliver(line, provider_a)
    client.force_login(operator)
    detail = client.get(reverse("marketplace_fulfilment:line_detail", args=[line.pk]))
    assert refund_url(line).encode() in detail.content
    page = client.get(refund_url(line))
    assert page.status_code == 200
    key = page.context["form"].initial["form_key"]
    form = {"amount": "20,00", "reason": "Two sessions not held", "form_key": key}
    first = client.post(refund_url(line), form)
    assert first.status_code == 302
    again = client.post(refund_url(line), form, follow=True)  # the same page submitted twice
    assert "già stato registrato" in again.content.decode()  # the admin speaks Italian
    assert Refund.objects.get().amount == 2000
    assert balance(voucher.account) == 1500
    assert "Two sessions not held" in client.get(refund_url(line)).content.decode()
    # The voucher's movements and the citizen's order show it.
    admin_voucher = client.get(reverse("ledger_admin:voucher_detail", args=[voucher.pk]))
    assert "rimborsato" in admin_voucher.content.decode()
    client.force_login(citizen)
    with translation.override("it"):
        order_url = reverse("customer:order", args=[line.order.number])
    order_page = client.get(order_url).content.decode()
    assert "rimborsat" in order_page  # "(15,00 € rimborsati)"
    assert all_breaks() == []


def test_refund_form_errors_keep_what_was_typed_in_the_users_language(
        client, everything_eligible, voucher, citizen, provider_a, operator):  # noqa: F811
    line = paid_order(citizen, provider_a)
    deliver(line, provider_a)
    client.force_login(operator)
    for typed, message in [("45", "40,00"), ("abc", "12,50"), ("1.234", "due decimali")]:
        response = client.post(refund_url(line), {"amount": typed, "reason": "x",
                                                  "form_key": "k1"})
        assert response.status_code == 400
        assert message in response.content.decode()
        assert f'value="{typed}"' in response.content.decode()
    assert not Refund.objects.exists()


def test_refund_page_is_for_voucher_operators_only(
        client, everything_eligible, voucher, citizen, provider_a):
    line = paid_order(citizen, provider_a)
    client.force_login(provider_a.staff)
    assert client.get(refund_url(line)).status_code in (302, 403)
    assert client.post(refund_url(line), {"amount": "1", "reason": "x",
                                          "form_key": "k"}).status_code in (302, 403)
    assert not Refund.objects.exists()


# --- a voucher the Comune cancels --------------------------------------------------------


def test_cancelled_voucher_gets_its_released_money_back_and_restore_spends_it(
        everything_eligible, voucher, citizen, provider_a):
    line = paid_order(citizen, provider_a, quantity=1)  # 20 held of 30
    set_cancelled(voucher, True)
    assert checkout.usable_vouchers(citizen) == []
    workflow.cancel(line, citizen)  # the citizen's cancel releases to the frozen voucher
    assert balance(voucher.account) == 3000
    assert Account.objects.get(pk=voucher.account_id).status == Account.Status.FROZEN
    assert balance(voucher.fund.account(Account.Kind.HOLD)) == 0
    set_cancelled(voucher, False)
    assert checkout.usable_vouchers(citizen) == [voucher]
    assert all_breaks() == []


def test_a_cancelled_vouchers_open_order_is_still_paid_at_delivery(
        everything_eligible, voucher, citizen, provider_a):
    line = paid_order(citizen, provider_a, quantity=1)
    set_cancelled(voucher, True)
    deliver(line, provider_a)
    assert balance(Account.payable(voucher.fund, provider_a.partner)) == 2000
    assert all_breaks() == []


# --- lapse --------------------------------------------------------------------------------


ROME = ZoneInfo("Europe/Rome")


def test_lapse_deadline_is_the_answer_days_or_the_end_of_the_start_date():
    placed = datetime(2026, 3, 2, 10, 0, tzinfo=ROME)
    assert rules.lapses_at(placed, None, 7) == placed + timedelta(days=7)
    assert rules.lapses_at(placed, date(2026, 3, 20), 7) == placed + timedelta(days=7)
    assert rules.lapses_at(placed, date(2026, 3, 4), 7) == datetime(2026, 3, 5, 0, 0,
                                                                   tzinfo=ROME)


def age_order(line, days):
    Order.objects.filter(pk=line.order_id).update(
        date_placed=timezone.now() - timedelta(days=days))


@pytest.mark.parametrize("language,reason", [("it", "7 giorni"), ("ar", "7")])
def test_unanswered_requests_lapse_once_releasing_the_voucher(
        everything_eligible, voucher, citizen, provider_a, settings, language, reason,
        django_capture_on_commit_callbacks):
    settings.WEMI_VOUCHER_ANSWER_DAYS = 7
    line = paid_order(citizen, provider_a, quantity=1)
    Order.objects.filter(pk=line.order_id).update(language=language)
    fresh = paid_order(citizen, provider_a, quantity=1)  # placed now: not due
    unpaid = place_order(citizen, provider_a.offer).lines.get()  # no voucher: never lapses
    for old in (line, unpaid):
        age_order(old, 8)
    assert balance(voucher.account) == 0  # 20 + 10 held
    with django_capture_on_commit_callbacks(execute=True):
        call_command("lapse_voucher_orders")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("lapse_voucher_orders")  # idempotent
    line.refresh_from_db()
    assert line.status == statuses.DECLINED
    assert reason in line.fulfilment.decline_reason
    for other in (fresh, unpaid):
        other.refresh_from_db()
        assert other.status == statuses.PENDING
    assert Transfer.objects.filter(kind="release").count() == 1
    assert balance(voucher.account) == 2000
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    if language == "it":
        assert "scadut" in mail.outbox[0].subject
    from scheduler.registry import jobs

    assert "lapse_voucher_orders" in {job.command for job in jobs()}
    assert all_breaks() == []


def test_a_request_lapses_at_the_end_of_its_start_date(
        everything_eligible, voucher, citizen, provider_a, settings):
    settings.WEMI_VOUCHER_ANSWER_DAYS = 7
    line = paid_order(citizen, provider_a, quantity=1)
    option = Option.objects.get_or_create(code=line_options.START_DATE,
                                          defaults={"name": "Start date"})[0]
    LineAttribute.objects.create(line=line, option=option, type="start_date",
                                 value=(timezone.localdate() - timedelta(days=1)).isoformat())
    call_command("lapse_voucher_orders")
    line.refresh_from_db()
    assert line.status == statuses.DECLINED
    assert "start date" in line.fulfilment.decline_reason or \
        "data di inizio" in line.fulfilment.decline_reason


# --- how a line is paid, in the provider's CSV ----------------------------------------------


def test_provider_csv_says_how_each_line_is_paid(
        client, everything_eligible, voucher, citizen, provider_a):
    paid_order(citizen, provider_a)
    place_order(citizen, provider_a.offer)  # no voucher
    client.force_login(provider_a.staff)
    response = client.get(reverse("marketplace_fulfilment:line_export"))
    header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content)
                                                .decode())))
    column = len(header) - 1
    paid = sorted(row[column] for row in rows)
    assert any(voucher.code in value and "30" in value for value in paid)
    assert any(voucher.code not in value and value for value in paid)
