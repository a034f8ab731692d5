"""Vouchers paying order lines: hold at placement (only the citizen's share), capture at
delivery, release on decline or cancel, refund pro rata, expiry back to the fund, grants that
never over-commit the fund; the ledger stays consistent throughout."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from marketplace.fulfilment import workflow
from marketplace.ledger import checkout, eligibility
from marketplace.ledger.invariants import all_breaks
from marketplace.ledger.models import Account, Tender, Transfer, Voucher
from marketplace.ledger.posting import AccountNotOpen, InsufficientFunds
from marketplace.ledger.vouchers import (
    AlreadyGranted,
    FundExhausted,
    expire,
    grant,
    refund_line,
    set_cancelled,
)
from tests.fulfilment.conftest import make_offer, place_order

from .conftest import PARENT_CF, balance, make_fund, minor_code

pytestmark = pytest.mark.django_db




def test_grant_moves_budget_and_never_over_commits(citizen):
    fund = make_fund(budget_cents=5000)
    grant(fund, PARENT_CF, minor_code(1), 3000, user=citizen)
    with pytest.raises(AlreadyGranted):
        grant(fund, PARENT_CF, minor_code(1), 1000)
    with pytest.raises(FundExhausted):
        grant(fund, PARENT_CF, minor_code(2), 3000)
    assert not Voucher.objects.filter(minor_fiscal_code=minor_code(2)).exists()
    assert fund.account(Account.Kind.FUND).balance == 2000
    assert all_breaks() == []


def test_voucher_pays_only_up_to_its_balance_rest_to_provider(
        everything_eligible, voucher, citizen, provider_a):
    order = place_order(citizen, provider_a.offer, quantity=2)  # 2 x 20.00 EUR
    checkout.pay_with_vouchers(order, citizen, actor=citizen)
    line = order.lines.get()
    tenders = {t.method: t.amount for t in Tender.objects.filter(line=line)}
    assert tenders == {"voucher": 3000, "pay-provider": 1000}
    assert balance(voucher.account) == 0
    sources = {s.source_type.code: s.amount_allocated for s in order.sources.all()}
    assert sources == {"voucher": Decimal("30.00"), "pay-provider": Decimal("10.00")}
    assert all_breaks() == []


def test_ineligible_line_is_not_paid_by_voucher(voucher, citizen, provider_a, monkeypatch):
    monkeypatch.setattr(eligibility, "eligible_products", lambda fund, products: set())
    order = place_order(citizen, provider_a.offer)
    checkout.pay_with_vouchers(order, citizen)
    assert list(Tender.objects.values_list("method", flat=True)) == ["pay-provider"]
    assert balance(voucher.account) == 3000


def test_capture_at_delivery_then_refund_pro_rata(
        everything_eligible, voucher, citizen, provider_a):
    order = place_order(citizen, provider_a.offer, quantity=2)
    checkout.pay_with_vouchers(order, citizen)
    line = order.lines.get()
    workflow.accept(line, provider_a.staff, timezone.now() + timedelta(days=1))
    workflow.mark_delivered(line, provider_a.staff)
    payable = Account.payable(voucher.fund, provider_a.partner)
    assert balance(payable) == 3000
    assert balance(voucher.fund.account(Account.Kind.HOLD)) == 0
    # Refund 20 EUR of a line paid 30 by voucher, 10 by the citizen: 15 and 5.
    plan = refund_line(line, 2000, "refund-1")
    by_method = {Tender.objects.get(pk=pk).method: cents for pk, cents in plan.items()}
    assert by_method == {"voucher": 1500, "pay-provider": 500}
    assert refund_line(line, 2000, "refund-1") is None  # replay: nothing more
    assert balance(voucher.account) == 1500
    assert balance(payable) == 1500
    assert all_breaks() == []
    call_command("check_ledgers")


@pytest.mark.parametrize("how", ["decline", "cancel"])
def test_decline_or_cancel_releases_to_the_voucher(
        how, everything_eligible, voucher, citizen, provider_a):
    order = place_order(citizen, provider_a.offer)
    checkout.pay_with_vouchers(order, citizen)
    assert balance(voucher.account) == 1000
    line = order.lines.get()
    if how == "decline":
        workflow.decline(line, provider_a.staff, "No one free")
    else:
        workflow.cancel(line, citizen)
    assert balance(voucher.account) == 3000
    tender = Tender.objects.get(line=line, method="voucher")
    assert (tender.released, tender.captured) == (2000, 0)
    assert Transfer.objects.filter(kind="release").count() == 1
    assert all_breaks() == []


def test_spent_voucher_refuses_and_rolls_back(everything_eligible, voucher, citizen,
                                              provider_a):
    # The plan read 30 EUR; another order spends it before this one holds.
    order = place_order(citizen, provider_a.offer)
    plan_vouchers = checkout.usable_vouchers(citizen)
    Account.objects.filter(pk=voucher.account_id).update(balance=0)  # simulate, then undo
    Account.objects.filter(pk=voucher.account_id).update(balance=3000)
    set_cancelled(voucher, True)
    with pytest.raises(AccountNotOpen):
        from marketplace.ledger.vouchers import hold

        hold(plan_vouchers[0], order.lines.get(), 2000, "k")
    assert checkout.usable_vouchers(citizen) == []
    set_cancelled(voucher, False)
    assert checkout.usable_vouchers(citizen) == [voucher]
    big = place_order(citizen, make_offer(provider_a.partner, price=Decimal("50.00")))
    from marketplace.ledger.vouchers import hold

    with pytest.raises(InsufficientFunds):
        hold(voucher, big.lines.get(), 5000, "too-much")
    assert not Tender.objects.filter(line__order=big).exists()


def test_expiry_returns_balance_to_the_fund_once(citizen):
    fund = make_fund(budget_cents=10000)
    voucher = grant(fund, PARENT_CF, minor_code(1), 4000, user=citizen)
    later = fund.valid_until + timedelta(days=1)
    assert expire(voucher, fund.valid_until) is None  # still valid that day
    transfer = expire(voucher, later)
    assert transfer.amount == 4000
    assert expire(voucher, later) is None
    assert fund.account(Account.Kind.FUND).balance == 10000
    voucher.refresh_from_db()
    assert voucher.status == Voucher.Status.EXPIRED
    assert all_breaks() == []


def test_expire_command_is_idempotent(citizen):
    fund = make_fund(budget_cents=10000)
    voucher = grant(fund, PARENT_CF, minor_code(1), 4000, user=citizen)
    Account.objects.filter(pk=voucher.account_id).update(
        valid_until=timezone.localdate() - timedelta(days=1))
    call_command("expire_vouchers")
    call_command("expire_vouchers")
    assert Transfer.objects.filter(kind="expire").count() == 1
    assert fund.account(Account.Kind.FUND).balance == 10000
    from scheduler.registry import jobs

    assert "expire_vouchers" in {job.command for job in jobs()}
