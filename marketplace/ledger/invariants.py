"""Every invariant of the ledger, checked over the whole database (``manage.py check_ledgers``
and the tests). Each check returns a list of human-readable breaks; none means clean."""

from django.db.models import Count, F, Q, Sum

from .models import Account, Entry, Refund, Tender, Transfer


def transfers_not_balanced():
    """Every transfer has exactly two legs that sum to zero, debiting its source by its
    amount and crediting its destination."""
    broken = Transfer.objects.annotate(
        legs=Count("entries"),
        total=Sum("entries__amount"),
        debit=Sum("entries__amount", filter=Q(entries__account=F("source"))),
        credit=Sum("entries__amount", filter=Q(entries__account=F("destination"))),
    ).exclude(legs=2, total=0, debit=-F("amount"), credit=F("amount"))
    return [f"transfer {t.pk} ({t.idempotency_key}) does not balance" for t in broken]


def ledger_not_zero():
    total = Entry.objects.aggregate(total=Sum("amount"))["total"] or 0
    return [] if total == 0 else [f"all entries sum to {total}, not 0"]


def balances_differ_from_entries():
    accounts = Account.objects.annotate(total=Sum("entries__amount"))
    return [
        f"account {a.pk} ({a}) caches {a.balance} but its entries sum to {a.total or 0}"
        for a in accounts
        if a.balance != (a.total or 0)
    ]


def negative_holders():
    return [
        f"account {a.pk} ({a}) is below zero: {a.balance}"
        for a in Account.objects.exclude(kind=Account.Kind.EXTERNAL).filter(balance__lt=0)
    ]


def holds_differ_from_tenders():
    """Each fund's hold account holds exactly what its voucher tenders still hold."""
    breaks = []
    for hold in Account.objects.filter(kind=Account.Kind.HOLD):
        open_tenders = Tender.objects.filter(account__fund_id=hold.fund_id).aggregate(
            held=Sum(F("amount") - F("captured") - F("released"))
        )["held"] or 0
        if open_tenders != hold.balance:
            breaks.append(
                f"fund {hold.fund_id} holds {hold.balance} but its open tenders {open_tenders}"
            )
    return breaks


def tenders_out_of_bounds():
    broken = Tender.objects.filter(
        Q(amount__lt=F("captured") + F("released")) | Q(refunded__gt=F("captured"))
    )
    return [f"tender {t.pk} captured/released/refunded beyond its amount" for t in broken]


def credits_differ_from_grants():
    """Each welfare credit's granted amount is what its plan's budget moved to its wallet."""
    from .models import Credit

    grants = Credit.objects.annotate(
        loaded=Sum("account__entries__amount",
                   filter=Q(account__entries__transfer__kind=Transfer.Kind.GRANT))
    )
    return [f"credit {c.pk} says {c.amount} granted but its wallet got {c.loaded or 0}"
            for c in grants if c.amount != (c.loaded or 0)]


def employer_money_from_elsewhere():
    """An employer's account only receives money from its own plans."""
    from .models import Fund

    breaks = []
    for transfer in Transfer.objects.filter(destination__kind=Account.Kind.EMPLOYER).select_related(
            "source__fund", "destination"):
        fund = transfer.source.fund
        if (fund is None or fund.kind != Fund.Kind.EMPLOYER_CREDIT
                or fund.organisation_id != transfer.destination.holder_id):
            breaks.append(f"transfer {transfer.pk} gives an employer money not of its plans")
    return breaks
def refunds_differ_from_tenders():
    """What each line's refunds add up to is what its tenders say was refunded."""
    recorded = dict(Refund.objects.values_list("line").annotate(s=Sum("amount")))
    counted = dict(Tender.objects.filter(refunded__gt=0).values_list("line").annotate(
        s=Sum("refunded")))
    return [
        f"line {line} refunds {recorded.get(line, 0)} but its tenders {counted.get(line, 0)}"
        for line in set(recorded) | set(counted)
        if recorded.get(line, 0) != counted.get(line, 0)
    ]


CHECKS = [
    transfers_not_balanced,
    ledger_not_zero,
    balances_differ_from_entries,
    negative_holders,
    holds_differ_from_tenders,
    tenders_out_of_bounds,
    credits_differ_from_grants,
    employer_money_from_elsewhere,
    refunds_differ_from_tenders,
]


def all_breaks():
    return [problem for check in CHECKS for problem in check()]
