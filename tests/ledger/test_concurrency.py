"""Money under concurrency, on SQLite and PostgreSQL (each thread its own connection).

- N concurrent spends of X on a balance B: exactly floor(B/X) succeed, the others get a clear
  InsufficientFunds; no holder below zero.
- Concurrent voucher claims on a fund that can pay for 100 vouchers: exactly 100 vouchers,
  the fund never over-committed. On PostgreSQL 500 claims run through 40 connections at once
  (the server allows 100 connections, shared by everyone); on SQLite, whose writers queue on
  one lock, 150 claims through 16 threads.
- Then check_ledgers is clean.
"""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection

from marketplace.ledger.models import Account, Voucher
from marketplace.ledger.posting import InsufficientFunds, post
from marketplace.ledger.vouchers import FundExhausted, grant
from tests.threads import run_together

from .conftest import PARENT_CF, make_fund, minor_code

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

ON_POSTGRES = "DATABASE_URL" in os.environ


@pytest.mark.parametrize("balance, spend, attempts", [(1000, 300, 8), (1000, 100, 12),
                                                       (999, 1000, 4)])
def test_concurrent_spends_exactly_floor(balance, spend, attempts):
    wallet = Account.objects.create(kind=Account.Kind.WALLET)
    shop = Account.objects.create(kind=Account.Kind.WALLET)
    post("load", Account.outside(), wallet, balance, f"seed:{wallet.pk}")

    results = run_together(*[
        (lambda i=i: post("hold", wallet, shop, spend, f"spend:{wallet.pk}:{i}", spend=True))
        for i in range(attempts)
    ])

    won = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(won) == balance // spend, results
    assert all(isinstance(r, InsufficientFunds) for r in refused), refused
    assert str(refused[0]) if refused else True
    wallet.refresh_from_db()
    assert wallet.balance == balance - spend * (balance // spend)
    call_command("check_ledgers")


def test_concurrent_replays_of_one_key_record_once():
    wallet = Account.objects.create(kind=Account.Kind.WALLET)
    shop = Account.objects.create(kind=Account.Kind.WALLET)
    post("load", Account.outside(), wallet, 1000, f"seed:{wallet.pk}")
    results = run_together(*[
        (lambda: post("hold", wallet, shop, 400, "one-key", spend=True)) for _ in range(6)
    ])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert len({r.pk for r in results}) == 1
    wallet.refresh_from_db()
    assert wallet.balance == 600
    call_command("check_ledgers")


def test_claims_never_over_commit_the_fund():
    claims, workers = (500, 40) if ON_POSTGRES else (150, 16)
    fund = make_fund(budget_cents=100 * 20000)
    start = threading.Barrier(workers)

    def claim(i):
        if i < workers:  # the first claim of each worker starts with the others
            start.wait()
        try:
            return grant(fund, PARENT_CF, minor_code(i), 20000)
        except Exception as error:  # collected and checked below
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(claim, range(claims)))

    granted = [r for r in results if isinstance(r, Voucher)]
    refused = [r for r in results if not isinstance(r, Voucher)]
    assert len(granted) == 100, [r for r in refused if not isinstance(r, FundExhausted)][:3]
    assert all(isinstance(r, FundExhausted) for r in refused), refused[:3]
    assert Voucher.objects.filter(fund=fund).count() == 100
    assert fund.account(Account.Kind.FUND).balance == 0
    call_command("check_ledgers")


def test_concurrent_checkouts_on_one_welfare_credit_exactly_floor():
    """N orders placed at once, each paying X of welfare credit from a balance B: exactly
    floor(B/X) hold their credit; the others get the ledger's message and their placement
    rolls back whole (no tender, the basket not submitted); then check_ledgers is clean."""
    from django.db import transaction
    from django.utils import timezone
    from oscar.core.loading import get_model

    from marketplace.ledger import checkout, credit
    from marketplace.ledger.models import Tender
    from marketplace.ledger.posting import LedgerError
    from marketplace.organisations.models import Organisation
    from tests.fulfilment.conftest import Provider, make_offer, make_user, place_order

    Basket = get_model("basket", "Basket")
    attempts, spend, balance = (12, 2000, 9000) if ON_POSTGRES else (6, 2000, 5000)
    provider = Provider("Cooperativa Welfare")
    employee = make_user(email="dipendente@example.org")
    company = Organisation.objects.create(kind="company", name="Azienda", tax_code="07654320154",
                                          address="Milano", status="verified",
                                          reviewed_at=timezone.now())
    today = timezone.localdate()
    plan = credit.create_plan(company, "Welfare", today, today.replace(year=today.year + 1),
                              50000)
    credit.load(plan, employee.email, balance, "k")
    # Each attempt: an order of one 20.00 EUR line, paid and its basket submitted in one
    # transaction, as the checkout does.
    offer = make_offer(provider.partner)  # 20.00 EUR, no limit of places
    orders = [place_order(employee, offer) for _i in range(attempts)]
    Basket.objects.filter(pk__in=[o.basket_id for o in orders]).update(status=Basket.OPEN)

    def attempt(order):
        try:
            with transaction.atomic():
                # What each citizen confirmed on the summary: 20.00 EUR of credit.
                checkout.pay_with_vouchers(order, employee, expected=(0, spend))
                Basket.objects.filter(pk=order.basket_id).update(status=Basket.SUBMITTED)
            return True
        except LedgerError as refused:
            return refused

    results = run_together(*[(lambda order=order: attempt(order)) for order in orders])
    won = [r for r in results if r is True]
    refused = [r for r in results if r is not True]
    assert len(won) == balance // spend, results
    # A stale read loses the conditional debit; a later one sees the credit spent: both
    # refuse with a message, nothing recorded.
    assert all(isinstance(r, InsufficientFunds | checkout.SplitChanged) and str(r)
               for r in refused), refused
    for order, result in zip(orders, results, strict=True):
        tenders = Tender.objects.filter(line__order=order)
        basket = Basket.objects.get(pk=order.basket_id)
        if result is True:
            assert tenders.filter(method="credit").exists()
            assert basket.status == Basket.SUBMITTED
        else:
            assert not tenders.exists()  # rolled back whole
            assert basket.status == Basket.OPEN
    wallet = plan.credits.get().account
    wallet.refresh_from_db()
    assert wallet.balance == balance - spend * (balance // spend)
    call_command("check_ledgers")
