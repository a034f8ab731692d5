"""The only write path of the ledger: :func:`post` moves money between two accounts.

One transaction (a savepoint inside an outer one) inserts the transfer first, which claims its
idempotency key (a replay, even a concurrent one, finds the first transfer and changes
nothing), then moves both cached balances by conditional UPDATE, in account-id order so that
two opposite transfers cannot deadlock, then writes the two legs. The debit succeeds only
while the source is open, holds enough (the outside world may go below zero) and, for a
spend, is still valid; otherwise nothing at all is written and a :class:`LedgerError` says
why. The CHECK constraints on ``Account`` back the UPDATE's conditions.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Account, Entry, Transfer


class LedgerError(Exception):
    """A transfer that cannot be made; ``str()`` is a message for the citizen or operator."""

    message = _("This payment cannot be made.")

    def __init__(self, account=None, amount=None, message=None):
        self.account = account
        self.amount = amount
        super().__init__(str(message or self.message))


class InsufficientFunds(LedgerError):
    message = _("There is not enough money left on this voucher or fund.")


class AccountNotOpen(LedgerError):
    message = _("This voucher is cancelled or closed: it cannot be used.")


class AccountExpired(LedgerError):
    message = _("This voucher has expired: it can no longer be used.")


class IdempotencyConflict(LedgerError):
    message = _("This operation was already recorded with different details.")


def post(kind, source, destination, amount, key, *, spend=False, require_open=True,
         on_date=None, line=None, parent=None, actor=None, memo=""):
    """Move ``amount`` cents from ``source`` to ``destination``; return the transfer.

    ``key`` names the operation: posting the same key again returns the first transfer
    (``transfer.replayed`` is True) and writes nothing; the same key with other accounts or
    amount raises :class:`IdempotencyConflict`. ``spend`` also requires the source to be
    valid on ``on_date`` (today); ``require_open=False`` lets a sweep empty a frozen account.
    """
    if not isinstance(amount, int) or amount <= 0:
        raise ValueError("a transfer moves a positive whole number of cents")
    if source.pk == destination.pk:
        raise ValueError("a transfer needs two accounts")
    existing = Transfer.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return _replayed(existing, source, destination, amount)
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                kind=kind, source=source, destination=destination, amount=amount,
                idempotency_key=key, line=line, parent=parent, actor=actor, memo=memo[:300],
            )
            for account in sorted((source, destination), key=lambda a: a.pk):
                if account.pk == source.pk:
                    _debit(source, amount, spend, require_open, on_date)
                else:
                    Account.objects.filter(pk=destination.pk).update(
                        balance=F("balance") + amount
                    )
            Entry.objects.bulk_create([
                Entry(transfer=transfer, account=source, amount=-amount),
                Entry(transfer=transfer, account=destination, amount=amount),
            ])
    except IntegrityError:
        existing = Transfer.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return _replayed(existing, source, destination, amount)
    transfer.replayed = False
    return transfer


def _replayed(existing, source, destination, amount):
    if (existing.source_id, existing.destination_id, existing.amount) != (
        source.pk, destination.pk, amount
    ):
        raise IdempotencyConflict()
    existing.replayed = True
    return existing


def _debit(account, amount, spend, require_open, on_date):
    allowed = Q(kind=Account.Kind.EXTERNAL) | Q(balance__gte=amount)
    if require_open:
        allowed &= Q(status=Account.Status.OPEN)
    if spend:
        today = on_date or timezone.localdate()
        allowed &= Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    if Account.objects.filter(allowed, pk=account.pk).update(balance=F("balance") - amount):
        return
    current = Account.objects.get(pk=account.pk)
    if require_open and current.status != Account.Status.OPEN:
        raise AccountNotOpen(current, amount)
    if spend and current.valid_until and current.valid_until < (on_date or timezone.localdate()):
        raise AccountExpired(current, amount)
    raise InsufficientFunds(current, amount)


def reverse(transfer, key, actor=None, memo=""):
    """Post the opposite of ``transfer`` (once: the key names the reversal)."""
    return post(Transfer.Kind.REVERSE, transfer.destination, transfer.source, transfer.amount,
                key, require_open=False, parent=transfer, line=transfer.line, actor=actor,
                memo=memo or f"reverses {transfer.idempotency_key}")


def balance_of(account):
    """The account's balance as the sum of its entries (the cached one must equal it)."""
    from django.db.models import Sum

    return account.entries.aggregate(total=Sum("amount"))["total"] or 0


__all__ = [
    "AccountExpired", "AccountNotOpen", "IdempotencyConflict", "InsufficientFunds",
    "LedgerError", "balance_of", "post", "reverse", "rules",
]
