"""The e-mail inviting an employee to their welfare credit, in the language the employer chose
for them, sent after commit by the task worker through Oscar's dispatcher. An employee with an
account gets the link to the credit; an address without one gets the link to register with
it (the credit attaches when that address logs in, see credit.attach_to)."""

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from oscar.core.loading import get_class

from marketplace.emails import recipient_language, render_messages, site_url

from . import rules
from .models import Credit

Dispatcher = get_class("communication.utils", "Dispatcher")


def invitation_messages(credit):
    language = recipient_language(language=credit.language)
    has_account = credit.user_id is not None
    with translation.override(language):
        credit_url = site_url(reverse("credit:mine"))
        register_url = site_url(reverse("customer:register") + "?next=" + reverse("credit:mine"))
    context = {
        "credit": credit, "employer": credit.fund.organisation.name, "plan": credit.fund.name,
        "amount": rules.to_eur(credit.amount), "valid_until": credit.fund.valid_until,
        "has_account": has_account, "credit_url": credit_url, "register_url": register_url,
        "email": credit.email,
    }
    return render_messages("ledger/emails/credit_invitation", context, language)


@task()
def send_credit_invitation(credit_id):
    credit = Credit.objects.select_related("fund__organisation", "user").get(pk=credit_id)
    messages = invitation_messages(credit)
    if credit.user_id is not None:
        Dispatcher().dispatch_user_messages(credit.user, messages)
    else:
        Dispatcher().dispatch_direct_messages(credit.email, messages)
    Credit.objects.filter(pk=credit.pk, invited_at__isnull=True).update(invited_at=timezone.now())


def refund_rows(refund):
    """Where the refund went, for the citizen: ``[(tender, cents, destination)]``, where
    ``tender`` is the voucher or credit tender that paid (None for the part paid to the
    provider) and ``destination`` is "wallet" (back on the voucher or credit), "fund" (the
    wallet had lapsed: to the Comune's fund or the employer) or "provider" (the provider
    returns it). Read from the REFUND transfers carrying the refund's key
    (``vouchers.refund_line``: ``refund:<key>:<tender id>``)."""
    from .models import Tender, Transfer

    prefix = f"refund:{refund.key}:"
    transfers = {
        transfer.idempotency_key.removeprefix(prefix): transfer
        for transfer in Transfer.objects.filter(idempotency_key__startswith=prefix)
    }
    rows = []
    tenders = Tender.objects.filter(line=refund.line, account__isnull=False).select_related(
        "account__voucher", "account__credit__fund__organisation")
    for tender in tenders:
        transfer = transfers.get(str(tender.pk))
        if transfer is not None:
            where = "wallet" if transfer.destination_id == tender.account_id else "fund"
            rows.append((tender, transfer.amount, where))
    moved = sum(transfer.amount for transfer in transfers.values())
    if refund.amount > moved:
        rows.append((None, refund.amount - moved, "provider"))
    return rows


def refund_messages(refund):
    line = refund.line
    order = line.order
    language = recipient_language(order)
    with translation.override(language):
        order_url = site_url(reverse("customer:order", kwargs={"order_number": order.number}))
    rows = []
    for tender, cents, where in refund_rows(refund):
        voucher = getattr(tender.account, "voucher", None) if tender else None
        credit = getattr(tender.account, "credit", None) if tender else None
        rows.append({
            "amount": rules.to_eur(cents), "where": where,
            "voucher_code": voucher.code if voucher else "",
            "employer": credit.fund.organisation.name if credit else "",
        })
    context = {
        "refund": refund, "line": line, "order": order, "order_url": order_url,
        "amount": rules.to_eur(refund.amount), "rows": rows,
    }
    return render_messages("ledger/emails/refund", context, language)


@task()
def send_refund_email(refund_id):
    """Tell the citizen, in the order's language, that part or all of a line was refunded and
    where each part went."""
    from .models import Refund

    refund = Refund.objects.select_related("line__order__user").get(pk=refund_id)
    messages = refund_messages(refund)
    order = refund.line.order
    if order.user_id is not None:
        Dispatcher().dispatch_user_messages(order.user, messages)
    elif order.guest_email:
        Dispatcher().dispatch_direct_messages(order.guest_email, messages)
