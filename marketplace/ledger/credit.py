"""Employer welfare credit on the ledger (docs/decisions/0030).

A verified company's representative creates a plan (a ``Fund`` of kind ``employer_credit``
held by the ``Organisation``) whose budget is the company's money, loaded from outside the
ledger; loads credit for employees by e-mail address (the plan's budget moves to the
employee's wallet by the same conditional debit as a voucher grant, so the budget is never
over-committed); at the end of the period what the employees did not spend, and the plan's
unallocated budget, go back to the employer's account, never to the employee as cash.
Each function is one transaction and idempotent (keys name the operations).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Account, Credit, Fund, Tender, Transfer
from .posting import LedgerError, post
from .vouchers import open_fund


class BudgetExhausted(LedgerError):
    message = _("The plan's budget cannot cover this credit.")


class PlanClosed(LedgerError):
    message = _("This plan's period is over: no more credit can be loaded.")


def employer_account(organisation):
    """The company's account in the ledger: what lapsed plans give back to it."""
    holder_type = ContentType.objects.get_for_model(organisation)
    try:
        with transaction.atomic():
            return Account.objects.get_or_create(
                kind=Account.Kind.EMPLOYER, holder_type=holder_type, holder_id=organisation.pk,
                defaults={"name": f"{organisation.name} – welfare"[:200]},
            )[0]
    except IntegrityError:  # created by a concurrent call
        return Account.objects.get(kind=Account.Kind.EMPLOYER, holder_type=holder_type,
                                   holder_id=organisation.pk)


def create_plan(organisation, name, valid_from, valid_until, budget_cents, needs=(),
                actor=None):
    """A welfare credit plan of ``organisation`` with its budget loaded (the company's money:
    outside the ledger → the plan's budget, once). A second plan of the same name is refused
    by a unique constraint (``IntegrityError``): a double submit creates one plan."""
    with transaction.atomic():
        fund = Fund.objects.create(
            name=name, kind=Fund.Kind.EMPLOYER_CREDIT, organisation=organisation,
            budget_cents=budget_cents, applications_from=valid_from,
            applications_until=valid_until, valid_until=valid_until, catalogue_0_18=False,
        )
        fund.needs.set(needs)
        open_fund(fund, actor=actor)
        employer_account(organisation)
    return fund


def plans_of(organisation):
    return Fund.objects.filter(kind=Fund.Kind.EMPLOYER_CREDIT, organisation=organisation)


def load(fund, email, cents, key, *, language="it", actor=None, on_date=None):
    """Load ``cents`` of credit for the employee at ``email``: the plan's budget moves to the
    employee's wallet (created the first time, then topped up). Returns ``(credit, created)``
    where ``created`` says the wallet is new (the employee is to be invited). The same
    ``key`` again changes nothing. Raises :class:`BudgetExhausted` (nothing written) when the
    budget cannot cover it, :class:`PlanClosed` after the period."""
    today = on_date or timezone.localdate()
    if fund.valid_until < today:
        raise PlanClosed()
    email = email.strip().lower()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email, is_active=True).order_by(
        "pk").first()
    with transaction.atomic():
        credit = Credit.objects.select_related("account").filter(fund=fund, email=email).first()
        created = credit is None
        if created:
            wallet = Account.objects.create(
                kind=Account.Kind.WALLET, fund=fund, valid_until=fund.valid_until,
                name=f"{fund} – {email}"[:200],
            )
            try:
                with transaction.atomic():
                    credit = Credit.objects.create(fund=fund, email=email, user=user,
                                                   account=wallet, language=language)
            except IntegrityError:  # a concurrent load created it: add to that one
                raise LedgerError(message=_("This employee's credit was being created at the "
                                            "same time: try again.")) from None
            Account.objects.filter(pk=wallet.pk).update(
                holder_type=ContentType.objects.get_for_model(Credit), holder_id=credit.pk)
        try:
            transfer = post(Transfer.Kind.GRANT, fund.account(Account.Kind.FUND),
                            credit.account, cents, f"credit:{fund.pk}:{key}:{email}",
                            actor=actor)
        except LedgerError as error:
            raise BudgetExhausted(error.account, cents) from error
        if not transfer.replayed:
            Credit.objects.filter(pk=credit.pk).update(amount=F("amount") + cents)
        credit.refresh_from_db()
    credit.replayed = transfer.replayed
    return credit, created


def attach_to(user):
    """Credits addressed to ``user``'s (verified: they logged in with it) e-mail address and
    not yet attached become theirs. Returns how many."""
    if not user.email:
        return 0
    return Credit.objects.filter(email__iexact=user.email, user__isnull=True).update(user=user)


def usable_credits(user, on_date=None):
    """The employee's credits that can pay today (period begun, not over, money left), the
    one expiring first first."""
    if user is None or not user.is_authenticated:
        return []
    on_date = on_date or timezone.localdate()
    return list(
        Credit.objects.filter(
            user=user, account__status=Account.Status.OPEN, account__balance__gt=0,
            account__valid_until__gte=on_date, fund__applications_from__lte=on_date,
        ).select_related("account", "fund").order_by("account__valid_until", "pk")
    )


def lapse(fund, today=None):
    """After the plan's period: each employee's unspent credit, then the plan's unallocated
    budget, go back to the employer's account; the wallets close. Idempotent. Returns the
    cents given back by this call."""
    today = today or timezone.localdate()
    if fund.valid_until >= today:
        return 0
    employer = employer_account(fund.organisation)
    returned = 0
    for credit in fund.credits.select_related("account"):
        with transaction.atomic():
            wallet = Account.objects.select_for_update().get(pk=credit.account_id)
            if wallet.balance > 0:
                transfer = post(Transfer.Kind.RETURN, wallet, employer, wallet.balance,
                                f"lapse:{wallet.pk}", require_open=False)
                returned += 0 if transfer.replayed else transfer.amount
            Account.objects.filter(pk=wallet.pk).update(status=Account.Status.CLOSED)
    with transaction.atomic():
        budget = Account.objects.select_for_update().get(fund=fund, kind=Account.Kind.FUND)
        if budget.balance > 0:
            transfer = post(Transfer.Kind.RETURN, budget, employer, budget.balance,
                            f"lapse:{budget.pk}", require_open=False)
            returned += 0 if transfer.replayed else transfer.amount
        Account.objects.filter(pk=budget.pk).update(status=Account.Status.CLOSED)
    return returned


def employee_totals(fund):
    """One row per employee of the plan: e-mail, granted, spent, remaining, returned (cents).
    Only sums: never which services, providers or orders the credit paid."""
    spent = dict(
        Tender.objects.filter(account__fund=fund, account__kind=Account.Kind.WALLET)
        .values_list("account_id")
        .annotate(total=Sum(F("amount") - F("released") - F("refunded")))
    )
    rows = []
    for credit in fund.credits.select_related("account").order_by("email"):
        used = spent.get(credit.account_id, 0) or 0
        remaining = credit.account.balance
        rows.append({
            "credit": credit, "email": credit.email, "granted": credit.amount, "spent": used,
            "remaining": remaining,
            "returned": rules.credit_returned(credit.amount, used, remaining),
        })
    return rows


def plan_totals(fund):
    rows = employee_totals(fund)
    totals = {key: sum(row[key] for row in rows)
              for key in ("granted", "spent", "remaining", "returned")}
    totals["budget"] = fund.budget_cents
    totals["unallocated"] = Account.objects.get(fund=fund, kind=Account.Kind.FUND).balance
    totals["employees"] = len(rows)
    return rows, totals


def movements_of(credit):
    """The credit's transfers as the employee sees them (own wallet only)."""
    return Transfer.objects.filter(Q(source=credit.account) | Q(destination=credit.account))
