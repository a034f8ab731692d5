"""Payment received: the provider records that the citizen has paid an order line.

With the "pay the provider" method (marketplace/checkout/payment_methods.py) the citizen pays
each provider directly; the provider, and only the provider of the line, then records the
payment in the workspace. The citizen sees it in the order, on the receipt and by e-mail;
the provider's CSV export carries the date. See docs/decisions/0012.

Recorded once, whatever the number of clicks or concurrent requests: a conditional update sets
``LineFulfilment.payment_received_at`` only while it is empty, and only the request that set
it adds Oscar's ``PaymentEvent`` (type "Paid", with the line and its quantity), debits the
order's payment source and e-mails the citizen (after commit).
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from . import statuses
from .models import LineFulfilment

EventHandler = get_class("order.processing", "EventHandler")
Line = get_model("order", "Line")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")

PAID_EVENT_NAME = "Paid"
PAID_EVENT_CODE = "paid"

# Lines whose payment can be recorded: the provider has taken them on. A line still pending
# may yet be declined or cancelled; a declined or cancelled line owes nothing.
PAYABLE_LINE_STATUSES = frozenset({statuses.ACCEPTED, statuses.DELIVERED})

# What the citizen reads about the payment of a line (``payment_state``).
PAYMENT_PAID = "paid"
PAYMENT_DUE = "due"
PAYMENT_AWAITING = "awaiting"
PAYMENT_NONE = "none"

PAYMENT_LABELS = {
    PAYMENT_PAID: _("Payment received by the provider"),
    PAYMENT_DUE: _("To be paid to the provider"),
    PAYMENT_AWAITING: _("To be paid once the provider accepts"),
    PAYMENT_NONE: _("Nothing to pay"),
}


class PaymentNotRecordable(ValueError):
    """The line has nothing to pay now (free, void, or not accepted yet)."""


def payment_received_at(line):
    """When the provider recorded the payment of ``line`` (an aware datetime), or ``None``."""
    fulfilment = getattr(line, "fulfilment", None)  # missing one-to-one: AttributeError
    return fulfilment.payment_received_at if fulfilment else None


def can_record_payment(line):
    """Whether the provider may record the payment of ``line`` now: accepted or delivered,
    something to pay (``line_price_incl_tax`` > 0, EUR) and not recorded yet."""
    return (
        line.status in PAYABLE_LINE_STATUSES
        and line.line_price_incl_tax > 0
        and payment_received_at(line) is None
    )


def payment_state(line):
    """One of ``PAYMENT_PAID``, ``PAYMENT_DUE`` (accepted or delivered, not paid yet),
    ``PAYMENT_AWAITING`` (pending: paid once accepted) or ``PAYMENT_NONE`` (free, declined or
    cancelled)."""
    if payment_received_at(line) is not None:
        return PAYMENT_PAID
    if line.is_void or line.line_price_incl_tax <= 0:
        return PAYMENT_NONE
    if line.status in PAYABLE_LINE_STATUSES:
        return PAYMENT_DUE
    return PAYMENT_AWAITING


def payment_label(state):
    return PAYMENT_LABELS.get(state, state)


def record_payment(line, by):
    """The provider ``by`` has received the citizen's payment for ``line``.

    Returns ``True`` when this call recorded it, ``False`` when it was recorded already
    (idempotent: a second click or a concurrent request changes nothing). Raises
    :class:`PaymentNotRecordable` for a line with nothing to pay now. Who may call it is
    decided by ``access.lines_to_fulfil`` (the line's own provider).
    """
    from .notifications import send_line_status_email

    with transaction.atomic():
        locked_line = Line.objects.select_for_update().select_related("order").get(pk=line.pk)
        if locked_line.status not in PAYABLE_LINE_STATUSES or locked_line.line_price_incl_tax <= 0:
            raise PaymentNotRecordable(_("This request has nothing to pay now."))
        fulfilment = LineFulfilment.objects.get_or_create(line=locked_line)[0]
        recorded = LineFulfilment.objects.filter(
            pk=fulfilment.pk, payment_received_at__isnull=True
        ).update(payment_received_at=timezone.now(), payment_received_by=by)
        if not recorded:
            return False
        order = locked_line.order
        amount = locked_line.line_price_incl_tax
        event_type = PaymentEventType.objects.get_or_create(
            code=PAID_EVENT_CODE, defaults={"name": PAID_EVENT_NAME}
        )[0]
        EventHandler(user=by).create_payment_event(
            order,
            event_type,
            amount,
            lines=[locked_line],
            line_quantities=[locked_line.quantity],
            reference=str(locked_line.pk),
        )
        source = Source.objects.filter(order=order).order_by("pk").first()
        if source is not None:
            Source.objects.filter(pk=source.pk).update(amount_debited=F("amount_debited") + amount)
        transaction.on_commit(lambda: send_line_status_email.enqueue(locked_line.pk, PAYMENT_PAID))
    return True
