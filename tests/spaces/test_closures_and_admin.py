"""Closure days and holidays (no slots), and choosing a Spazio by its title in the admin."""

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from content.appointments import booking, rules, slots
from content.appointments.models import Activity, Closure, Slot
from content.spaces.models import SpaceOperator
from content.spaces.operators import SPACE_OPERATORS_GROUP, space_keys_for

TZ = ZoneInfo("Europe/Rome")


# --- rules -------------------------------------------------------------------------------


def test_the_holidays_of_milan():
    assert rules.holiday_name(date(2026, 12, 7)) == "Sant'Ambrogio"
    assert rules.holiday_name(date(2026, 12, 8)) == "Immacolata Concezione"
    assert rules.holiday_name(date(2026, 4, 6)) == "Lunedì dell'Angelo"  # Easter 5 April 2026
    assert rules.holiday_name(date(2027, 3, 29)) == "Lunedì dell'Angelo"  # Easter 28 March
    assert rules.holiday_name(date(2026, 12, 9)) is None
    assert rules.holiday_name(date(2026, 4, 5)) is None  # Easter Sunday: a Sunday anyway


@given(
    first=st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31)),
    closed=st.sets(st.integers(min_value=0, max_value=27), max_size=6),
)
def test_no_slot_on_a_closed_day_and_every_open_day_has_its_slots(first, closed):
    rule = type("Rule", (), {"opens": time(9), "closes": time(11), "slot_minutes": 30,
                             "desks": 1})
    every_day = [type("R", (), {**vars(rule), "weekday": d})() for d in range(7)]
    closures = {first + timedelta(days=n) for n in closed}
    planned = rules.planned_slots(every_day, first, 28, TZ, closures=closures)
    days = {slot.starts_at.date() for slot in planned}
    for n in range(28):
        day = first + timedelta(days=n)
        assert (day in days) == (not rules.is_closed(day, closures))
    assert all(len([s for s in planned if s.starts_at.date() == d]) == 4 for d in days)


# --- generation and closing a day -------------------------------------------------------------


def test_generation_skips_closure_days_and_holidays(spaces, desk_services):
    space = spaces[0]
    now = datetime(2026, 12, 1, 8, 0, tzinfo=TZ)
    Closure.objects.create(space_key=space.translation_key, day=date(2026, 12, 3))
    slots.generate(now=now, weeks=2)
    days = {
        s.starts_at.astimezone(TZ).date()
        for s in Slot.objects.filter(space_key=space.translation_key)
    }
    assert date(2026, 12, 2) in days
    assert date(2026, 12, 3) not in days  # the Spazio's closure
    assert date(2026, 12, 7) not in days and date(2026, 12, 8) not in days  # holidays
    other = {
        s.starts_at.astimezone(TZ).date()
        for s in Slot.objects.filter(space_key=spaces[1].translation_key)
    }
    assert date(2026, 12, 3) in other  # another Spazio is open


def test_closing_a_day_withdraws_free_places_and_keeps_bookings(
    make_slot, desk_services, citizen, spaces
):
    booked = make_slot(hours_ahead=50, capacity=2)
    free = make_slot(hours_ahead=51, capacity=2)
    appointment = booking.book_appointment(
        slot_id=booked.pk, desk_service=desk_services[0], citizen=citizen,
        contact_name="Giulia Rossi", booked_by=citizen,
    )
    day = booked.starts_at.astimezone(timezone.get_current_timezone()).date()
    closure = Closure.objects.create(space_key=spaces[0].translation_key, day=day)
    still = slots.apply_closure(closure)
    assert still == [appointment]
    assert not Slot.objects.filter(pk=free.pk).exists()
    booked.refresh_from_db()
    assert (booked.capacity, booked.booked) == (1, 1)
    with pytest.raises(booking.Unavailable):
        booking.book_appointment(
            slot_id=booked.pk, desk_service=desk_services[0], contact_name="Altro",
        )


def test_the_operator_closes_and_reopens_a_day_from_the_desk(client, operator, spaces):
    client.force_login(operator)
    url = reverse("content_appointments_desk:closures", args=[spaces[0].translation_key])
    day = timezone.localdate() + timedelta(days=3)
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"day": (timezone.localdate() - timedelta(days=1)).isoformat(),
                                 "reason": "Sciopero"})
    assert response.status_code == 400  # a past day; what was typed stays
    assert 'value="Sciopero"' in response.content.decode()
    assert client.post(url, {"day": day.isoformat(), "reason": "Formazione"}).status_code == 302
    closure = Closure.objects.get()
    assert (closure.space_key, closure.day, closure.created_by) == (
        spaces[0].translation_key, day, operator
    )
    again = client.post(url, {"day": day.isoformat()})
    assert again.status_code == 400  # already closed
    assert client.post(url, {"reopen": str(closure.pk)}).status_code == 302
    assert not Closure.objects.exists()
    # Another Spazio's closures are not this operator's.
    other = reverse("content_appointments_desk:closures", args=[spaces[1].translation_key])
    assert client.get(other).status_code == 404


# --- choosing a Spazio by its title ------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(email="admin@wemi.example", password="x")


def test_the_operator_assignment_offers_the_spazi_by_title(client, superuser, spaces):
    person = get_user_model().objects.create_user(email="nuovo@wemi.example", password="x")
    client.force_login(superuser)
    add_url = reverse("wagtailsnippets_content_spaces_spaceoperator:add")
    html = client.get(add_url).content.decode()
    assert f'<option value="{spaces[0].translation_key}">Spazio WeMi Centro</option>' in html
    # A key that names no Spazio is refused with a message (the admin speaks Italian here).
    response = client.post(add_url, {"user": person.pk, "space_key": str(uuid.uuid4())})
    with translation.override("it"):
        refused = gettext("Choose a Spazio WeMi from the list.")
    assert response.status_code == 400 or escape(refused) in response.content.decode()
    assert not SpaceOperator.objects.filter(user=person).exists()
    response = client.post(
        add_url, {"user": person.pk, "space_key": str(spaces[1].translation_key)}
    )
    assert response.status_code == 302
    assert space_keys_for(person) == {spaces[1].translation_key}
    assert person.groups.filter(name=SPACE_OPERATORS_GROUP).exists()
    # Removing the last assignment removes the role.
    row = SpaceOperator.objects.get(user=person)
    delete_url = reverse("wagtailsnippets_content_spaces_spaceoperator:delete", args=[row.pk])
    assert client.post(delete_url).status_code == 302
    assert not person.groups.filter(name=SPACE_OPERATORS_GROUP).exists()


def test_activity_and_hours_forms_use_the_spazio_select(client, superuser, spaces):
    client.force_login(superuser)
    for model in ("activity", "slotrule", "closure"):
        url = reverse(f"wagtailsnippets_content_appointments_{model}:add")
        if model == "activity":
            url += "?locale=it"
        html = client.get(url).content.decode()
        assert f'<option value="{spaces[1].translation_key}">Spazio WeMi Nord</option>' in html
    assert Activity._meta.get_field("space_key").validators
