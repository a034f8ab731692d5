"""The appointment rules, without a database."""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.appointments import ics, rules

ROME = ZoneInfo("Europe/Rome")


def test_day_slots_fit_inside_the_opening_period():
    slots = rules.day_slots(date(2026, 12, 1), time(9), time(10, 45), 30, 2, ROME)
    assert [s.starts_at.strftime("%H:%M") for s in slots] == ["09:00", "09:30", "10:00"]
    assert all(s.capacity == 2 for s in slots)
    assert slots[-1].ends_at.strftime("%H:%M") == "10:30"


def test_day_slots_refuse_nonsense():
    with pytest.raises(ValueError):
        rules.day_slots(date(2026, 12, 1), time(9), time(10), 0, 1, ROME)
    with pytest.raises(ValueError):
        rules.day_slots(date(2026, 12, 1), time(9), time(10), 30, 0, ROME)


@given(
    opens=st.integers(min_value=6 * 60, max_value=14 * 60),
    length=st.integers(min_value=0, max_value=8 * 60),
    minutes=st.integers(min_value=5, max_value=120),
)
def test_day_slots_never_overlap_nor_pass_closing_time(opens, length, minutes):
    start = time(opens // 60, opens % 60)
    end_minutes = min(opens + length, 23 * 60 + 59)
    end = time(end_minutes // 60, end_minutes % 60)
    slots = rules.day_slots(date(2026, 12, 2), start, end, minutes, 1, ROME)
    closing = datetime.combine(date(2026, 12, 2), end, tzinfo=ROME)
    assert len(slots) == max(0, (end_minutes - opens) // minutes)
    for first, second in zip(slots, slots[1:], strict=False):
        assert first.ends_at == second.starts_at
    assert all(slot.ends_at <= closing for slot in slots)


def test_planned_slots_follow_the_weekdays_and_keep_one_slot_per_start():
    rules_ = [
        SimpleNamespace(weekday=0, opens=time(9), closes=time(10), slot_minutes=30, desks=1),
        SimpleNamespace(weekday=0, opens=time(9), closes=time(10), slot_minutes=30, desks=3),
        SimpleNamespace(weekday=2, opens=time(14), closes=time(15), slot_minutes=60, desks=2),
    ]
    monday = date(2026, 11, 30)
    planned = rules.planned_slots(rules_, monday, 7, ROME)
    assert [(s.starts_at.weekday(), s.starts_at.hour, s.capacity) for s in planned] == [
        (0, 9, 1), (0, 9, 1), (2, 14, 2)
    ]
    assert planned[0].starts_at.minute == 0 and planned[1].starts_at.minute == 30


@given(booked=st.integers(0, 10), capacity=st.integers(1, 10), minutes=st.integers(-120, 120))
def test_refusal_mirrors_the_conditional_update(booked, capacity, minutes):
    now = datetime(2026, 12, 1, 10, tzinfo=UTC)
    starts_at = now + timedelta(minutes=minutes)
    reason = rules.refusal(starts_at, booked, capacity, now)
    may_take = starts_at > now and booked < capacity
    assert (reason is None) == may_take
    if minutes <= 0:
        assert reason == "past"


def test_transitions():
    rules.check_transition("booked", "cancelled")
    rules.check_transition("no_show", "attended")
    for old, new in [("cancelled", "booked"), ("attended", "cancelled"), ("booked", "booked")]:
        with pytest.raises(rules.TransitionNotAllowed):
            rules.check_transition(old, new)
    assert rules.releases_place("booked", "cancelled")
    assert not rules.releases_place("booked", "attended")
    assert not rules.releases_place("no_show", "attended")


@given(st.sampled_from(sorted(rules.TRANSITIONS)), st.sampled_from(sorted(rules.TRANSITIONS)))
def test_only_a_cancellation_gives_a_place_back(old, new):
    if new in rules.TRANSITIONS[old]:
        assert rules.releases_place(old, new) == (new == "cancelled")


def test_citizen_may_cancel_only_a_booked_appointment_before_it_starts():
    now = datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert rules.citizen_may_cancel("booked", now + timedelta(minutes=1), now)
    assert not rules.citizen_may_cancel("booked", now, now)
    assert not rules.citizen_may_cancel("attended", now + timedelta(days=1), now)


def test_reminder_is_due_from_the_day_before_once():
    starts_at = datetime(2026, 12, 3, 9, tzinfo=ROME)
    two_days_before = datetime(2026, 12, 1, 18, tzinfo=ROME)
    day_before_morning = datetime(2026, 12, 2, 0, 30, tzinfo=ROME)
    assert not rules.reminder_due(starts_at, two_days_before, None, ROME)
    assert rules.reminder_due(starts_at, day_before_morning, None, ROME)
    assert not rules.reminder_due(starts_at, day_before_morning, day_before_morning, ROME)
    assert not rules.reminder_due(starts_at, starts_at, None, ROME)


def test_references_are_readable_and_differ():
    references = {rules.new_reference() for _ in range(200)}
    assert len(references) == 200
    for reference in references:
        assert reference.startswith("WM-") and len(reference) == 11
        assert not set(reference[3:]) & set("0O1IL")


def test_calendar_file_is_rfc5545():
    text = ics.event(
        uid="WM-ABC@wemi", starts_at=datetime(2026, 12, 3, 9, tzinfo=ROME),
        ends_at=datetime(2026, 12, 3, 9, 30, tzinfo=ROME),
        summary="Spazio WeMi Capuana: Aiuto digitale, SPID; e altro",
        location="Via Capuana 3, Milano " + "è" * 60, stamp=datetime(2026, 12, 1, tzinfo=UTC),
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261203T080000Z" in lines and "DTEND:20261203T083000Z" in lines
    assert "SUMMARY:Spazio WeMi Capuana: Aiuto digitale\\, SPID\\; e altro" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the long location was folded
