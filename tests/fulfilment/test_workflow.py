from datetime import timedelta

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.fulfilment import statuses as s
from marketplace.fulfilment import workflow
from marketplace.fulfilment.models import LineStatusChange

from .conftest import make_offer, place_order

ShippingEvent = get_model("order", "ShippingEvent")

START = timezone.now() + timedelta(days=3)


def move(line, status, by):
    """Move a line to ``status`` through the workflow function that does it."""
    if status == s.ACCEPTED:
        return workflow.accept(line, by, START, "Martedì e giovedì")
    if status == s.DECLINED:
        return workflow.decline(line, by, "Nessun operatore libero")
    if status == s.DELIVERED:
        return workflow.mark_delivered(line, by)
    if status == s.CANCELLED:
        return workflow.cancel(line, by)
    raise AssertionError(status)


PATHS = {
    s.PENDING: [],
    s.ACCEPTED: [s.ACCEPTED],
    s.DECLINED: [s.DECLINED],
    s.DELIVERED: [s.ACCEPTED, s.DELIVERED],
    s.CANCELLED: [s.CANCELLED],
}

ALLOWED = {
    (s.PENDING, s.ACCEPTED),
    (s.PENDING, s.DECLINED),
    (s.PENDING, s.CANCELLED),
    (s.ACCEPTED, s.DELIVERED),
}


@pytest.mark.parametrize("current", list(PATHS))
@pytest.mark.parametrize("target", [s.ACCEPTED, s.DECLINED, s.DELIVERED, s.CANCELLED])
def test_transitions(current, target, line_a, provider_a):
    for status in PATHS[current]:
        move(line_a, status, provider_a.staff)
    line_a.refresh_from_db()
    assert line_a.status == current

    if (current, target) in ALLOWED:
        moved = move(line_a, target, provider_a.staff)
        assert moved.status == target
        line_a.refresh_from_db()
        assert line_a.status == target
    else:
        with pytest.raises(workflow.InvalidTransition):
            move(line_a, target, provider_a.staff)
        line_a.refresh_from_db()
        assert line_a.status == current


def test_accept_records_schedule_who_and_when(line_a, provider_a):
    workflow.accept(line_a, provider_a.staff, START, "  Martedì e giovedì  ")

    line_a.refresh_from_db()
    assert line_a.fulfilment.scheduled_start == START
    assert line_a.fulfilment.schedule_notes == "Martedì e giovedì"
    change = LineStatusChange.objects.get(line=line_a)
    assert (change.old_status, change.new_status) == (s.PENDING, s.ACCEPTED)
    assert change.changed_by == provider_a.staff
    assert line_a.order.status == s.ORDER_IN_PROGRESS
    assert line_a.order.status_changes.get().new_status == s.ORDER_IN_PROGRESS


def test_accept_needs_a_start(line_a, provider_a):
    with pytest.raises(workflow.MissingDetails):
        workflow.accept(line_a, provider_a.staff, None)
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_decline_needs_a_reason(line_a, provider_a, reason):
    with pytest.raises(workflow.MissingDetails):
        workflow.decline(line_a, provider_a.staff, reason)
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


def test_invalid_transition_message_names_both_statuses(line_a, provider_a):
    workflow.decline(line_a, provider_a.staff, "Sospeso")
    with pytest.raises(workflow.InvalidTransition) as error:
        workflow.mark_delivered(line_a, provider_a.staff)
    assert str(s.LINE_STATUS_LABELS[s.DECLINED]) in str(error.value)
    assert str(s.LINE_STATUS_LABELS[s.DELIVERED]) in str(error.value)


@pytest.mark.parametrize("action", [s.DECLINED, s.CANCELLED])
def test_declined_or_cancelled_lines_give_their_places_back(action, citizen, provider_a):
    order = place_order(citizen, provider_a.offer, quantity=3)
    offer = provider_a.offer
    offer.refresh_from_db()
    assert offer.num_allocated == 1  # one booking, one place

    move(order.lines.get(), action, citizen)

    offer.refresh_from_db()
    assert offer.num_allocated == 0
    assert offer.num_in_stock == 10
    assert order.lines.get().allocation_cancelled


def test_delivery_is_an_oscar_shipping_event_and_consumes_the_places(citizen, provider_a):
    order = place_order(citizen, provider_a.offer, quantity=2)
    line = order.lines.get()
    workflow.accept(line, provider_a.staff, START)
    workflow.mark_delivered(line, provider_a.staff)

    event = ShippingEvent.objects.get(order=order)
    assert event.event_type.name == workflow.DELIVERED_EVENT_NAME
    assert list(event.line_quantities.values_list("line", "quantity")) == [(line.pk, 2)]
    offer = provider_a.offer
    offer.refresh_from_db()
    assert (offer.num_in_stock, offer.num_allocated) == (9, 0)  # one household served
    order.refresh_from_db()
    assert order.status == s.ORDER_COMPLETED


def test_delivering_an_offer_with_unlimited_places(citizen, provider_a):
    offer = make_offer(provider_a.partner, num_in_stock=None)
    line = place_order(citizen, offer, quantity=2).lines.get()
    workflow.accept(line, provider_a.staff, START)
    workflow.mark_delivered(line, provider_a.staff)

    offer.refresh_from_db()
    assert (offer.num_in_stock, offer.num_allocated) == (None, 0)


def test_order_status_follows_its_lines(citizen, provider_a, provider_b):
    order = place_order(citizen, provider_a.offer, provider_b.offer)
    line_a = order.lines.get(partner=provider_a.partner)
    line_b = order.lines.get(partner=provider_b.partner)
    assert order.status == s.ORDER_PENDING

    workflow.decline(line_b, provider_b.staff, "Zona non coperta")
    order.refresh_from_db()
    assert order.status == s.ORDER_PENDING

    workflow.accept(line_a, provider_a.staff, START)
    order.refresh_from_db()
    assert order.status == s.ORDER_IN_PROGRESS

    workflow.mark_delivered(line_a, provider_a.staff)
    order.refresh_from_db()
    assert order.status == s.ORDER_COMPLETED
    assert [change.new_status for change in order.status_changes.order_by("pk")] == [
        s.ORDER_IN_PROGRESS,
        s.ORDER_COMPLETED,
    ]
