"""The ledger's write path: balanced transfers, idempotency, no holder below zero, the
database's own guards, and check_ledgers."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.ledger import invariants, posting
from marketplace.ledger.models import Account, AppendOnly, Entry, Transfer
from marketplace.ledger.posting import (
    AccountExpired,
    AccountNotOpen,
    IdempotencyConflict,
    InsufficientFunds,
    post,
)

pytestmark = pytest.mark.django_db


def wallet(cents=0, **fields):
    account = Account.objects.create(kind=Account.Kind.WALLET, **fields)
    if cents:
        post("load", Account.outside(), account, cents, f"seed:{account.pk}")
        account.refresh_from_db()
    return account


def test_transfer_moves_balances_and_balances_to_zero():
    a, b = wallet(1000), wallet()
    transfer = post("hold", a, b, 300, "k1")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.balance, b.balance) == (700, 300)
    assert sorted(transfer.entries.values_list("amount", flat=True)) == [-300, 300]
    assert posting.balance_of(a) == 700
    assert invariants.all_breaks() == []


def test_same_key_changes_nothing():
    a, b = wallet(1000), wallet()
    first = post("hold", a, b, 300, "same")
    again = post("hold", a, b, 300, "same")
    assert again.pk == first.pk and again.replayed and not first.replayed
    a.refresh_from_db()
    assert a.balance == 700
    assert Transfer.objects.filter(idempotency_key="same").count() == 1
    with pytest.raises(IdempotencyConflict):
        post("hold", a, b, 400, "same")


def test_never_below_zero():
    a, b = wallet(500), wallet()
    with pytest.raises(InsufficientFunds):
        post("hold", a, b, 501, "too-much")
    post("hold", a, b, 500, "all")
    a.refresh_from_db()
    assert a.balance == 0
    assert not Transfer.objects.filter(idempotency_key="too-much").exists()


def test_frozen_and_expired_accounts_cannot_pay(today):
    frozen = wallet(500)
    Account.objects.filter(pk=frozen.pk).update(status=Account.Status.FROZEN)
    with pytest.raises(AccountNotOpen):
        post("hold", frozen, wallet(), 100, "frozen")
    expired = wallet(500, valid_until=today - timedelta(days=1))
    with pytest.raises(AccountExpired):
        post("hold", expired, wallet(), 100, "expired", spend=True)
    # A sweep may still empty them.
    post("expire", expired, wallet(), 500, "sweep", require_open=False)


def test_database_refuses_a_negative_holder_balance():
    a = wallet(100)
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.filter(pk=a.pk).update(balance=-1)


def test_ledger_rows_are_append_only():
    a, b = wallet(100), wallet()
    transfer = post("hold", a, b, 100, "k")
    with pytest.raises(AppendOnly):
        transfer.save()
    with pytest.raises(AppendOnly):
        transfer.delete()
    with pytest.raises(AppendOnly):
        transfer.entries.first().delete()


def test_reverse_restores_balances():
    a, b = wallet(1000), wallet()
    transfer = post("capture", a, b, 250, "pay")
    reversal = posting.reverse(transfer, "undo-pay")
    assert reversal.parent == transfer
    assert posting.reverse(transfer, "undo-pay").replayed
    a.refresh_from_db()
    assert a.balance == 1000


def test_check_ledgers_clean_then_finds_each_kind_of_break():
    a, b = wallet(1000), wallet()
    transfer = post("hold", a, b, 300, "k")
    call_command("check_ledgers")
    # A cached balance that drifted from its entries.
    Account.objects.filter(pk=b.pk).update(balance=299)
    with pytest.raises(CommandError):
        call_command("check_ledgers")
    assert invariants.balances_differ_from_entries()
    Account.objects.filter(pk=b.pk).update(balance=300)
    # A leg tampered with behind the model's back.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Entry._meta.db_table} SET amount = -299 WHERE transfer_id = %s "
            "AND amount < 0", [transfer.pk],
        )
    assert invariants.transfers_not_balanced()
    assert invariants.ledger_not_zero()
    with pytest.raises(CommandError):
        call_command("check_ledgers")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(1, 700)),
                max_size=25))
def test_any_sequence_of_transfers_keeps_every_invariant(moves):
    accounts = [wallet(1000) for _ in range(4)]
    expected = [1000] * 4
    for index, (i, j, cents) in enumerate(moves):
        if i == j:
            continue
        key = f"prop:{accounts[0].pk}:{index}"
        try:
            post("hold", accounts[i], accounts[j], cents, key)
        except InsufficientFunds:
            assert expected[i] < cents
            continue
        assert expected[i] >= cents
        expected[i] -= cents
        expected[j] += cents
        # Replaying changes nothing.
        post("hold", accounts[i], accounts[j], cents, key)
    assert [Account.objects.get(pk=a.pk).balance for a in accounts] == expected
    assert invariants.all_breaks() == []
