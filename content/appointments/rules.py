"""The rules of Spazi WeMi appointments, as plain functions (no database).

Times are aware datetimes (``Europe/Rome`` for the slots a Spazio offers); durations are in
minutes; a "day before" is a calendar day in the Comune's time zone.
Source: the issue #16 rules and docs/decisions/0020-spazi-appointments.md.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# Status moves an appointment may make (anything else raises ``TransitionNotAllowed``).
TRANSITIONS = {
    "booked": {"cancelled", "attended", "no_show"},
    "cancelled": set(),
    "attended": set(),
    "no_show": {"attended"},  # a late arrival recorded after all
}
# Statuses that hold a place in the slot.
HOLDS_A_PLACE = {"booked", "attended", "no_show"}
# How far ahead slots are offered and generated.
BOOKING_WEEKS = 4
# Letters of a reference: no 0/O, 1/I/L to read it on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class TransitionNotAllowed(ValueError):
    """An appointment cannot move from its status to the one asked."""


@dataclass(frozen=True)
class PlannedSlot:
    starts_at: datetime
    ends_at: datetime
    capacity: int


def day_slots(day: date, opens: time, closes: time, minutes: int, desks: int, tz):
    """The slots of one opening period: every ``minutes`` minutes from ``opens``, the last
    one ending at or before ``closes``; ``desks`` places each. ``tz`` is a ZoneInfo.

    Raises ValueError if ``minutes`` or ``desks`` is not positive.

    >>> from zoneinfo import ZoneInfo
    >>> [s.starts_at.strftime("%H:%M") for s in day_slots(
    ...     date(2026, 12, 1), time(9), time(10, 45), 30, 2, ZoneInfo("Europe/Rome"))]
    ['09:00', '09:30', '10:00']
    """
    if minutes <= 0 or desks <= 0:
        raise ValueError("slot minutes and desks must be positive")
    start = datetime.combine(day, opens, tzinfo=tz)
    end_of_period = datetime.combine(day, closes, tzinfo=tz)
    step = timedelta(minutes=minutes)
    slots = []
    while start + step <= end_of_period:
        slots.append(PlannedSlot(start, start + step, desks))
        start += step
    return slots


#: Public holidays in Milan on a fixed date (month, day): the national ones (legge 260/1949
#: and its amendments) and Sant'Ambrogio, the city's patron saint (7 December).
FIXED_HOLIDAYS = {
    (1, 1): "Capodanno",
    (1, 6): "Epifania",
    (4, 25): "Festa della Liberazione",
    (5, 1): "Festa del Lavoro",
    (6, 2): "Festa della Repubblica",
    (8, 15): "Ferragosto",
    (11, 1): "Ognissanti",
    (12, 7): "Sant'Ambrogio",
    (12, 8): "Immacolata Concezione",
    (12, 25): "Natale",
    (12, 26): "Santo Stefano",
}


def holiday_name(day: date):
    """The name of the public holiday in Milan on ``day`` (Italian, as the Comune writes it),
    or None. Easter Monday moves with Easter (``dateutil.easter``, Western computus).

    >>> holiday_name(date(2026, 12, 7)), holiday_name(date(2027, 3, 29))
    ("Sant'Ambrogio", "Lunedì dell'Angelo")
    """
    from dateutil.easter import easter

    if day - timedelta(days=1) == easter(day.year):
        return "Lunedì dell'Angelo"
    return FIXED_HOLIDAYS.get((day.month, day.day))


def is_closed(day: date, closures) -> bool:
    """Whether a Spazio takes no appointment on ``day``: a public holiday in Milan, or one
    of its ``closures`` (a set of dates the operator or the Comune entered)."""
    return day in closures or holiday_name(day) is not None


def planned_slots(rules, first_day: date, days: int, tz, closures=frozenset()):
    """Every slot of ``rules`` (objects with weekday 0=Monday, opens, closes, slot_minutes,
    desks) on the ``days`` calendar days from ``first_day``, sorted by start. Overlapping
    rules on a day keep the first slot starting at a given time (one slot per start).
    Days that ``is_closed`` (holidays, the Spazio's ``closures``) have none."""
    by_start = {}
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        if is_closed(day, closures):
            continue
        for rule in rules:
            if rule.weekday != day.weekday():
                continue
            for slot in day_slots(day, rule.opens, rule.closes, rule.slot_minutes, rule.desks, tz):
                by_start.setdefault(slot.starts_at, slot)
    return [by_start[start] for start in sorted(by_start)]


def refusal(starts_at: datetime, booked: int, capacity: int, now: datetime):
    """Why a place in a slot (or activity) starting at ``starts_at`` cannot be taken now:
    ``"past"``, ``"full"``, or None when it can. Mirrors the conditional UPDATE."""
    if starts_at <= now:
        return "past"
    if booked >= capacity:
        return "full"
    return None


def check_transition(old: str, new: str):
    """Raise ``TransitionNotAllowed`` unless ``TRANSITIONS`` allows ``old`` -> ``new``."""
    if new not in TRANSITIONS.get(old, set()):
        raise TransitionNotAllowed(f"{old} -> {new}")


def releases_place(old: str, new: str) -> bool:
    """Whether moving ``old`` -> ``new`` gives the place back (only a cancellation does)."""
    return old in HOLDS_A_PLACE and new not in HOLDS_A_PLACE


def citizen_may_cancel(status: str, starts_at: datetime, now: datetime) -> bool:
    """A citizen cancels (or moves) a booked appointment until it starts."""
    return status == "booked" and starts_at > now


def reminder_due(starts_at: datetime, now: datetime, sent_at, tz) -> bool:
    """The reminder goes out once (``sent_at`` empty), from the calendar day before the
    appointment (in ``tz``) until it starts. An appointment booked on the day itself gets
    one too: the citizen may have booked it at the desk for a later hour."""
    if sent_at is not None or starts_at <= now:
        return False
    day_before = starts_at.astimezone(tz).date() - timedelta(days=1)
    return now.astimezone(tz).date() >= day_before


def new_reference(prefix="WM", length=8, choice=secrets.choice) -> str:
    """A reference such as ``WM-7KQ3XH2A``: readable on the phone, hard to guess."""
    return prefix + "-" + "".join(choice(REFERENCE_ALPHABET) for _ in range(length))
