"""The order line workflow: a provider accepts (with a schedule), declines or delivers a line;
the citizen cancels a line the provider has not accepted yet.

Every transition locks the order and the line rows (``select_for_update``), so two clicks on
"accept" cannot both succeed, checks the transition against Oscar's line status pipeline,
records who did it, derives the order's status from its lines and e-mails the citizen after
commit. Who may act on which line is decided by the querysets in ``access.py``.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.exceptions import InvalidLineStatus
from oscar.core.loading import get_class, get_model

from marketplace.ledger import vouchers

from . import statuses
from .models import LineFulfilment, LineStatusChange
from .notifications import send_line_status_email

EventHandler = get_class("order.processing", "EventHandler")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingEventType = get_model("order", "ShippingEventType")

DELIVERED_EVENT_NAME = "Delivered"


class InvalidTransition(InvalidLineStatus):
    """The line cannot move to the requested status (from its current one)."""

    def __init__(self, line, new_status):
        self.line = line
        self.new_status = new_status
        super().__init__(
            _("This request is “%(current)s”: it cannot become “%(new)s”.")
            % {
                "current": statuses.line_status_label(line.status),
                "new": statuses.line_status_label(new_status),
            }
        )


class MissingDetails(ValueError):
    """A transition needs details (a schedule, a reason) that were not given."""


def accept(line, by, scheduled_start, schedule_notes=""):
    """The provider accepts the line and proposes when the service starts."""
    if scheduled_start is None:
        raise MissingDetails(_("Give the date and time the service starts."))

    def record(locked_line, fulfilment, handler):
        fulfilment.scheduled_start = scheduled_start
        fulfilment.schedule_notes = schedule_notes.strip()

    return _transition(line, statuses.ACCEPTED, by, record)


def decline(line, by, reason):
    """The provider declines the line; the citizen reads the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise MissingDetails(_("Tell the citizen why the request is declined."))

    def record(locked_line, fulfilment, handler):
        fulfilment.decline_reason = reason
        _release_places(locked_line, handler)

    return _transition(line, statuses.DECLINED, by, record)


def lapse(line, reason):
    """Nobody answered a line in time (``manage.py lapse_voucher_orders``): it is declined on
    the provider's behalf, its places and what vouchers held for it go back, and the citizen
    gets the "lapsed" e-mail. ``reason`` is in the citizen's language."""

    def record(locked_line, fulfilment, handler):
        fulfilment.decline_reason = reason
        _release_places(locked_line, handler)

    return _transition(line, statuses.DECLINED, None, record, email_status="lapsed")


def mark_delivered(line, by):
    """The provider has delivered the service: Oscar's shipping event and stock consumption."""

    def record(locked_line, fulfilment, handler):
        event_type = ShippingEventType.objects.get_or_create(name=DELIVERED_EVENT_NAME)[0]
        handler.create_shipping_event(
            locked_line.order, event_type, [locked_line], [locked_line.quantity]
        )
        _use_up_places(locked_line, handler)
        vouchers.capture_line(locked_line, by)

    return _transition(line, statuses.DELIVERED, by, record)


def cancel(line, by):
    """The citizen withdraws a line the provider has not accepted yet."""

    def record(locked_line, fulfilment, handler):
        _release_places(locked_line, handler)

    return _transition(line, statuses.CANCELLED, by, record)


def _use_up_places(line, handler):
    """A delivered line consumes its booked places (Oscar's stock consumption).

    An offer with unlimited places (``num_in_stock`` empty) has no stock to consume: only
    the booking is dropped.
    """
    stockrecord = line.stockrecord
    if stockrecord is None:
        return
    if stockrecord.num_in_stock is None:
        handler.cancel_stock_allocations(line.order, [line], [line.quantity])
    elif handler.are_stock_allocations_available([line], [line.quantity]):
        handler.consume_stock_allocations(line.order, [line], [line.quantity])


def _release_places(line, handler):
    """A declined or cancelled line gives its places back to the offer, and what vouchers
    held for it back to the vouchers (marketplace/ledger)."""
    handler.cancel_stock_allocations(line.order, [line], [line.quantity])
    vouchers.release_line(line, handler.user)


@transaction.atomic
def _transition(line, new_status, by, record, email_status=None):
    order = Order.objects.select_for_update().get(pk=line.order_id)
    locked_line = Line.objects.select_for_update().get(pk=line.pk)
    locked_line.order = order
    if new_status not in locked_line.available_statuses():
        raise InvalidTransition(locked_line, new_status)

    old_status = locked_line.status
    fulfilment = LineFulfilment.objects.get_or_create(line=locked_line)[0]
    record(locked_line, fulfilment, EventHandler(user=by))
    fulfilment.save()
    locked_line.set_status(new_status)
    LineStatusChange.objects.create(
        line=locked_line, old_status=old_status, new_status=new_status, changed_by=by
    )
    order.set_status(statuses.derive_order_status(order.lines.values_list("status", flat=True)))
    email = email_status or new_status
    transaction.on_commit(lambda: send_line_status_email.enqueue(locked_line.pk, email))
    return locked_line
