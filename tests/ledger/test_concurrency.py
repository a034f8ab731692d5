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
