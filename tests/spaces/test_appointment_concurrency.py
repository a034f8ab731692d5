"""30 people racing for the last 3 places of a slot, on SQLite and on PostgreSQL."""

import pytest
from django.contrib.auth import get_user_model

from content.appointments import booking
from content.appointments.models import Appointment, Slot
from tests.threads import run_together

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def test_thirty_racers_for_three_places_give_exactly_three(make_slot, desk_services):
    slot = make_slot(capacity=3)
    User = get_user_model()
    citizens = [User.objects.create_user(email=f"c{n}@wemi.example", password="x")
                for n in range(30)]

    def attempt(citizen):
        try:
            booking.book_appointment(
                slot_id=slot.pk, desk_service=desk_services[0], citizen=citizen,
                contact_name=citizen.email, notify=False,
            )
            return "booked"
        except booking.Unavailable as refusal:
            return refusal.reason

    answers = run_together(*[(lambda c=c: attempt(c)) for c in citizens])
    assert sorted(answers).count("booked") == 3
    assert sorted(answers).count("full") == 27, answers
    slot.refresh_from_db()
    assert slot.booked == 3
    assert Appointment.objects.filter(slot=slot, status="booked").count() == 3

    # Cancelling one frees exactly one place, which one racer of ten then gets.
    booking.cancel_appointment(Appointment.objects.filter(slot=slot).first(), None,
                               notify=False)
    late = [User.objects.create_user(email=f"l{n}@wemi.example", password="x")
            for n in range(10)]
    answers = run_together(*[(lambda c=c: attempt(c)) for c in late])
    assert answers.count("booked") == 1
    assert Slot.objects.get(pk=slot.pk).booked == 3


def test_the_same_citizen_clicking_twice_gets_one_appointment(make_slot, desk_services):
    slot = make_slot(capacity=5)
    citizen = get_user_model().objects.create_user(email="twice@wemi.example", password="x")

    def attempt():
        try:
            booking.book_appointment(
                slot_id=slot.pk, desk_service=desk_services[0], citizen=citizen,
                contact_name="x", notify=False,
            )
            return "booked"
        except booking.Unavailable as refusal:
            return refusal.reason

    answers = run_together(attempt, attempt, attempt)
    assert sorted(answers) == ["already_booked", "already_booked", "booked"]
    assert Slot.objects.get(pk=slot.pk).booked == 1
