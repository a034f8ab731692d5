"""Funds and vouchers on the ledger: load a fund, grant (claim) a voucher, cancel or restore
it, let it expire back to its fund; hold, capture, release and refund what a voucher or an
employee's welfare credit (``Credit``, see credit.py) pays for an order line (``Tender``).
Each function is one transaction and idempotent."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.pricing.rules import format_amount

from . import rules
from .models import Account, Fund, Refund, Tender, Transfer, Voucher, VoucherApplication
from .notifications import send_refund_email
from .posting import LedgerError, post


class FundExhausted(LedgerError):
    message = _("The fund has no budget left for another voucher.")


class AlreadyGranted(LedgerError):
    message = _("This minor already has a voucher from this fund.")


class TenderExhausted(LedgerError):
    message = _("This amount was already paid, released or refunded.")


@transaction.atomic
def open_fund(fund, actor=None):
    """Create the fund's budget and hold accounts and load its budget (once)."""
    budget, _created = Account.objects.get_or_create(
        fund=fund, kind=Account.Kind.FUND, defaults={"name": f"{fund} – budget"[:200]}
    )
    Account.objects.get_or_create(
        fund=fund, kind=Account.Kind.HOLD, defaults={"name": f"{fund} – held"[:200]}
    )
    if fund.budget_cents:
        post(Transfer.Kind.LOAD, Account.outside(), budget, fund.budget_cents,
             f"load:{fund.pk}:initial", actor=actor, memo="initial budget")
    return budget


def top_up(fund, cents, key, actor=None):
    """Raise the fund's budget by ``cents`` (key: the operator's form submission)."""
    with transaction.atomic():
        transfer = post(Transfer.Kind.LOAD, Account.outside(), fund.account(Account.Kind.FUND),
                        cents, f"load:{fund.pk}:{key}", actor=actor, memo="top-up")
        if not transfer.replayed:
            Fund.objects.filter(pk=fund.pk).update(budget_cents=F("budget_cents") + cents)
    return transfer


def grant(fund, holder_fiscal_code, minor_fiscal_code, cents, *, user=None, minor_name="",
          actor=None, application=None):
    """Grant a voucher of ``cents`` to a minor: the fund's budget moves to a new wallet.

    The budget is never over-committed (the conditional debit of the fund's account): when it
    cannot cover the voucher, :class:`FundExhausted` and nothing is written. A minor has one
    voucher per fund (a unique constraint): a second grant raises :class:`AlreadyGranted`.
    """
    minor_fiscal_code = rules.normalise_fiscal_code(minor_fiscal_code)
    try:
        with transaction.atomic():
            wallet = Account.objects.create(
                kind=Account.Kind.WALLET, fund=fund, valid_until=fund.valid_until,
                name=f"{fund} – {minor_fiscal_code}"[:200],
            )
            voucher = Voucher.objects.create(
                fund=fund, user=user, holder_fiscal_code=rules.normalise_fiscal_code(
                    holder_fiscal_code), minor_fiscal_code=minor_fiscal_code,
                minor_name=minor_name, amount=cents, account=wallet, granted_by=actor,
            )
            Account.objects.filter(pk=wallet.pk).update(
                holder_type=ContentType.objects.get_for_model(Voucher), holder_id=voucher.pk
            )
            try:
                post(Transfer.Kind.GRANT, fund.account(Account.Kind.FUND), wallet, cents,
                     f"grant:{fund.pk}:{minor_fiscal_code}", actor=actor)
            except LedgerError as error:
                raise FundExhausted(error.account, cents) from error
            if application is not None:
                updated = VoucherApplication.objects.filter(
                    pk=application.pk, status=VoucherApplication.Status.SUBMITTED
                ).update(status=VoucherApplication.Status.APPROVED, voucher=voucher,
                         decided_by=actor, decided_at=timezone.now())
                if not updated:
                    raise LedgerError(message=_("This application was already decided."))
    except IntegrityError as error:
        if Voucher.objects.filter(fund=fund, minor_fiscal_code=minor_fiscal_code).exists():
            raise AlreadyGranted() from error
        raise
    return voucher


def set_cancelled(voucher, cancelled):
    """Cancel (freeze: nothing can be spent, the money stays committed) or restore a voucher.
    Open holds are still captured or released as their lines move."""
    with transaction.atomic():
        status, account_status = (
            (Voucher.Status.CANCELLED, Account.Status.FROZEN) if cancelled
            else (Voucher.Status.ACTIVE, Account.Status.OPEN)
        )
        expected = Voucher.Status.ACTIVE if cancelled else Voucher.Status.CANCELLED
        changed = Voucher.objects.filter(pk=voucher.pk, status=expected).update(status=status)
        if changed:
            Account.objects.filter(pk=voucher.account_id).update(status=account_status)
    return bool(changed)


def expire(voucher, today=None):
    """After its validity, a voucher's balance returns to its fund, never to cash (once)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        wallet = Account.objects.select_for_update().get(pk=voucher.account_id)
        if wallet.valid_until is None or wallet.valid_until >= today:
            return None
        transfer = None
        if wallet.balance > 0:
            transfer = post(Transfer.Kind.EXPIRE, wallet,
                            voucher.fund.account(Account.Kind.FUND), wallet.balance,
                            f"expire:{voucher.pk}",
                            require_open=False)
        Voucher.objects.filter(pk=voucher.pk).exclude(status=Voucher.Status.EXPIRED).update(
            status=Voucher.Status.EXPIRED)
        Account.objects.filter(pk=wallet.pk).update(status=Account.Status.CLOSED)
    return transfer


def hold(payer, line, cents, key, actor=None, on_date=None, method=Tender.Method.VOUCHER):
    """At order placement: ``cents`` of a voucher or welfare credit (``payer``: anything with
    a ``fund`` and an ``account``) are held for ``line`` (a Tender of ``method``)."""
    with transaction.atomic():
        transfer = post(Transfer.Kind.HOLD, payer.account,
                        payer.fund.account(Account.Kind.HOLD), cents, key, spend=True,
                        on_date=on_date, line=line, actor=actor)
        if transfer.replayed:
            return Tender.objects.get(line=line, account=payer.account)
        return Tender.objects.create(line=line, method=method, account=payer.account,
                                     amount=cents)


def _fund_of(tender):
    return tender.account.fund


def capture(tender, actor=None):
    """At delivery: what is still held goes to what the fund owes the line's provider."""
    with transaction.atomic():
        tender = Tender.objects.select_for_update().get(pk=tender.pk)
        cents = tender.amount - tender.captured - tender.released
        if cents <= 0:
            return None
        if tender.account_id is not None:
            fund = _fund_of(tender)
            post(Transfer.Kind.CAPTURE, fund.account(Account.Kind.HOLD),
                 Account.payable(fund, tender.line.partner), cents,
                 f"capture:{tender.pk}", line=tender.line, actor=actor, require_open=False)
        _move(tender, captured=cents)
    return cents


def release(tender, actor=None):
    """On decline or cancel: what is still held goes back to the voucher or credit (or, when
    it lapsed meanwhile, to the fund, or the employer for a welfare credit)."""
    with transaction.atomic():
        tender = Tender.objects.select_for_update().get(pk=tender.pk)
        cents = tender.amount - tender.captured - tender.released
        if cents <= 0:
            return None
        if tender.account_id is not None:
            fund = _fund_of(tender)
            post(Transfer.Kind.RELEASE, fund.account(Account.Kind.HOLD),
                 _back_to(tender.account), cents, f"release:{tender.pk}", line=tender.line,
                 actor=actor, require_open=False)
        _move(tender, released=cents)
    return cents


class NothingToRefund(LedgerError):
    message = _("Nothing of this line can be refunded: it was not delivered or it was "
                "refunded in full.")


class RefundTooLarge(LedgerError):
    pass


def refundable(line):
    """The cents of ``line`` that can still be refunded: what its sources paid at delivery,
    less what was refunded already."""
    return sum(t.captured - t.refunded for t in Tender.objects.filter(line=line))


def refund_line(line, cents, key, actor=None, reason=""):
    """Refund ``cents`` of a delivered line, pro rata over the sources that paid it
    (``rules.refund_plan``): a tender with an account (a voucher, a welfare wallet) gets its
    part back from what the fund owes the provider, to the wallet (or to the fund if the
    wallet is no longer valid: never to cash); the part the citizen paid the provider is
    recorded on its tender. One ``Refund`` row names the operation: the same ``key`` again
    changes nothing and returns None. Returns ``{tender_id: cents}``. After commit the
    citizen is e-mailed, in the order's language, where each part went (a task).

    Raises :class:`NothingToRefund` or :class:`RefundTooLarge` (nothing written) when
    ``cents`` is not between 1 cent and what is refundable; a ``LedgerError`` when what the
    fund owes the provider no longer covers the voucher's part (already settled)."""
    with transaction.atomic():
        tenders = list(Tender.objects.select_for_update().filter(line=line).order_by("pk"))
        if Refund.objects.filter(key=key).exists():
            return None  # this refund was made already
        paid = {t.pk: t.captured - t.refunded for t in tenders}
        total = sum(paid.values())
        if total <= 0:
            raise NothingToRefund()
        if not 0 < cents <= total:
            raise RefundTooLarge(message=_(
                "Give an amount above zero and at most %(amount)s, what can still be "
                "refunded.") % {"amount": format_amount(rules.to_eur(total))})
        try:
            with transaction.atomic():
                refund = Refund.objects.create(line=line, key=key, amount=cents, actor=actor,
                                               reason=reason[:300])
        except IntegrityError:
            return None  # a concurrent submission of the same refund won
        transaction.on_commit(lambda: send_refund_email.enqueue(refund.pk))
        plan = rules.refund_plan(paid, cents)
        for tender in tenders:
            share = plan[tender.pk]
            if share == 0:
                continue
            if tender.account_id is not None:
                fund = _fund_of(tender)
                post(Transfer.Kind.REFUND, Account.payable(fund, line.partner),
                     _back_to(tender.account), share, f"refund:{key}:{tender.pk}",
                     line=line, actor=actor, require_open=False, memo=reason)
            _move(tender, refunded=share)
    return plan


def _back_to(wallet):
    wallet = Account.objects.select_related("fund__organisation").get(pk=wallet.pk)
    if wallet.valid_until is not None and wallet.valid_until < timezone.localdate():
        return lapsed_money_goes_to(wallet.fund)
    return wallet


def lapsed_money_goes_to(fund):
    """Where money of a lapsed wallet goes: a voucher's back to its fund, never to cash; a
    welfare credit's back to the employer (the company's account), never to the employee."""
    if fund.kind == Fund.Kind.EMPLOYER_CREDIT:
        from .credit import employer_account

        return employer_account(fund.organisation)
    return fund.account(Account.Kind.FUND)


def _move(tender, **counters):
    """Add to a tender's counters under its CHECK constraints (one conditional UPDATE)."""
    updates = {name: F(name) + cents for name, cents in counters.items()}
    filters = {}
    if "refunded" in counters:
        filters["captured__gte"] = F("refunded") + counters["refunded"]
    else:
        filters["amount__gte"] = F("captured") + F("released") + sum(counters.values())
    if not Tender.objects.filter(pk=tender.pk, **filters).update(**updates):
        raise TenderExhausted()


def line_tenders(line):
    return list(Tender.objects.filter(line=line).select_related("account__voucher"))


def capture_line(line, actor=None):
    for tender in Tender.objects.filter(line=line):
        capture(tender, actor)


def release_line(line, actor=None):
    for tender in Tender.objects.filter(line=line):
        release(tender, actor)
