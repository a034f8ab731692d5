"""Booking, cancelling, moving: places move only by conditional UPDATE."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.appointments import booking, rules, slots
from content.appointments.models import (
    Activity,
    Appointment,
    AppointmentStatusChange,
    Slot,
    SlotRule,
)

pytestmark = pytest.mark.django_db


def book(slot, service, citizen=None, **extra):
    return booking.book_appointment(
        slot_id=slot.pk, desk_service=service, citizen=citizen,
        contact_name="Giulia Rossi", contact_email="giulia@wemi.example", **extra,
    )


def test_booking_takes_a_place_and_cancelling_gives_exactly_one_back(
    make_slot, desk_services, citizen, django_capture_on_commit_callbacks
):
    slot = make_slot(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(slot, desk_services[0], citizen)
    slot.refresh_from_db()
    assert slot.booked == 1 and appointment.status == "booked"
    assert appointment.reference.startswith("WM-")
    # The confirmation, with the calendar file.
    assert len(mail.outbox) == 1
    attachment = mail.outbox[0].attachments[0]
    assert attachment[0] == f"{appointment.reference}.ics"
    assert "BEGIN:VEVENT" in attachment[1]

    booking.cancel_appointment(appointment, citizen)
    slot.refresh_from_db()
    assert slot.booked == 0
    with pytest.raises(rules.TransitionNotAllowed):
        booking.cancel_appointment(appointment, citizen)  # twice frees nothing more
    slot.refresh_from_db()
    assert slot.booked == 0
    assert list(
        AppointmentStatusChange.objects.filter(appointment=appointment)
        .values_list("old_status", "new_status")
    ) == [("", "booked"), ("booked", "cancelled")]


def test_a_full_slot_and_a_past_slot_refuse(make_slot, desk_services, citizen):
    full = make_slot(capacity=1, booked=1)
    with pytest.raises(booking.Unavailable) as refusal:
        book(full, desk_services[0], citizen)
    assert refusal.value.reason == "full"
    past = make_slot(hours_ahead=-1)
    with pytest.raises(booking.Unavailable) as refusal:
        book(past, desk_services[0], citizen)
    assert refusal.value.reason == "past"
    assert Appointment.objects.count() == 0
    full.refresh_from_db()
    assert full.booked == 1


def test_a_citizen_holds_one_place_per_slot(make_slot, desk_services, citizen):
    slot = make_slot(capacity=3)
    book(slot, desk_services[0], citizen)
    with pytest.raises(booking.Unavailable) as refusal:
        book(slot, desk_services[1], citizen)
    assert refusal.value.reason == "already_booked"
    slot.refresh_from_db()
    assert slot.booked == 1


def test_the_database_refuses_overbooking_and_duplicates(make_slot, desk_services, citizen):
    slot = make_slot(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.filter(pk=slot.pk).update(booked=2)
    appointment = book(slot, desk_services[0], citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            slot=slot, citizen=citizen, desk_service=desk_services[0], channel="web",
            reference="WM-DUPLICAT", contact_name="x",
        )
    assert appointment.pk


def test_move_is_atomic(make_slot, desk_services, citizen):
    first, second = make_slot(hours_ahead=48), make_slot(hours_ahead=72)
    full = make_slot(hours_ahead=96, booked=1)
    appointment = book(first, desk_services[0], citizen, reason="SPID")
    with pytest.raises(booking.Unavailable):
        booking.move_appointment(appointment, full.pk, citizen)
    appointment.refresh_from_db()
    first.refresh_from_db()
    assert appointment.status == "booked" and first.booked == 1  # nothing changed

    moved = booking.move_appointment(appointment, second.pk, citizen)
    first.refresh_from_db()
    second.refresh_from_db()
    appointment.refresh_from_db()
    assert (first.booked, second.booked) == (0, 1)
    assert appointment.status == "cancelled" and moved.reason == "SPID"


def test_operator_marks_attendance(make_slot, desk_services, operator):
    slot = make_slot()
    appointment = book(slot, desk_services[0], None, booked_by=operator, channel="phone")
    assert appointment.citizen is None and appointment.channel == "phone"
    booking.mark_attendance(appointment, "no_show", operator)
    booking.mark_attendance(appointment, "attended", operator)
    with pytest.raises(rules.TransitionNotAllowed):
        booking.mark_attendance(appointment, "cancelled", operator)
    slot.refresh_from_db()
    assert slot.booked == 1  # attended holds its place


def test_activity_places_are_counted_on_the_italian_row(spaces, citizen):
    from wagtail.models import Locale

    italian = Locale.objects.get(language_code="it")
    start = timezone.now() + timedelta(days=2)
    activity = Activity.objects.create(
        locale=italian, space_key=spaces[0].translation_key, title="Corso", description="d",
        starts_at=start, ends_at=start + timedelta(hours=1), places=1,
    )
    row = booking.book_activity(activity, citizen)
    with pytest.raises(booking.Unavailable) as refusal:
        booking.book_activity(activity, citizen)
    assert refusal.value.reason == "already_booked"
    activity.refresh_from_db()
    assert activity.booked == 1
    assert booking.cancel_activity_booking(row)
    assert not booking.cancel_activity_booking(row)
    activity.refresh_from_db()
    assert activity.booked == 0


def test_slots_come_from_the_opening_hours_and_generating_twice_adds_none(spaces, desk_services):
    created = slots.generate(weeks=1)
    assert created > 0
    assert SlotRule.objects.filter(space_key=spaces[0].translation_key).count() == 7
    assert slots.generate(weeks=1) == 0
    assert not Slot.objects.filter(starts_at__lte=timezone.now()).exists()
    call_command("generate_appointment_slots", weeks=1)
    assert Slot.objects.count() == created


def test_reminders_go_once(make_slot, desk_services, citizen):
    tomorrow = make_slot(hours_ahead=25)
    later = make_slot(hours_ahead=24 * 5)
    soon = book(tomorrow, desk_services[0], citizen, notify=False)
    book(later, desk_services[0], citizen, notify=False)
    call_command("send_appointment_reminders")
    call_command("send_appointment_reminders")
    assert [m.to for m in mail.outbox] == [["giulia@wemi.example"]]
    assert soon.reference in mail.outbox[0].body
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None


def test_the_scheduler_knows_the_jobs():
    from scheduler.registry import jobs

    names = {job.name for job in jobs()}
    assert {"generate_appointment_slots", "send_appointment_reminders"} <= names
