"""Appointment hours and slots of the Spazi: the rules made from opening hours, the slots made
from the rules for the coming weeks (idempotent)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import rules
from .models import Appointment, Closure, DeskService, Slot, SlotRule
from .spaces import italian_spaces


def ensure_rules(space):
    """Give the Spazio ``space`` (an Italian page) appointment hours from its opening hours
    when it has none yet: 30-minute slots, one desk, every desk service. Returns the rules."""
    existing = list(SlotRule.objects.filter(space_key=space.translation_key))
    if existing:
        return existing
    services = list(DeskService.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    made = []
    for hours in space.opening_hours.all():
        rule = SlotRule.objects.create(
            space_key=space.translation_key,
            weekday=hours.weekday,
            opens=hours.opens,
            closes=hours.closes,
        )
        rule.services.set(services)
        made.append(rule)
    return made


def generate(now=None, weeks=rules.BOOKING_WEEKS, space_keys=None):
    """Create the missing slots of every live Spazio (or of those in ``space_keys``) from
    tomorrow for ``weeks`` weeks, except on holidays and closure days. Returns the number
    created; a second run creates none (slots are unique per start)."""
    now = now or timezone.now()
    tz = ZoneInfo(settings.TIME_ZONE)
    first_day = now.astimezone(tz).date()
    created = 0
    spaces = italian_spaces()
    if space_keys is not None:
        spaces = spaces.filter(translation_key__in=space_keys)
    for space in spaces:
        with transaction.atomic():
            closures = set(
                Closure.objects.filter(
                    space_key=space.translation_key, day__gte=first_day
                ).values_list("day", flat=True)
            )
            planned = rules.planned_slots(
                ensure_rules(space), first_day, weeks * 7, tz, closures=closures
            )
            existing = set(
                Slot.objects.filter(
                    space_key=space.translation_key,
                    starts_at__gte=now - timedelta(days=1),
                ).values_list("starts_at", flat=True)
            )
            new = [
                Slot(
                    space_key=space.translation_key,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    capacity=slot.capacity,
                )
                for slot in planned
                if slot.starts_at > now and slot.starts_at not in existing
            ]
            Slot.objects.bulk_create(new, ignore_conflicts=True)
            created += len(new)
    return created


def day_bounds(day, tz=None):
    from datetime import datetime, time

    tz = tz or ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start, start + timedelta(days=1)


def apply_closure(closure):
    """Withdraw the places of the Spazio on the closure's day: slots nobody ever booked are
    deleted; a slot with appointments keeps them but takes no more (its capacity drops to
    what is booked, one conditional UPDATE). Returns the appointments still booked that
    day, for the operator to call."""
    start, end = day_bounds(closure.day)
    slots = Slot.objects.filter(
        space_key=closure.space_key, starts_at__gte=start, starts_at__lt=end
    )
    with transaction.atomic():
        slots.filter(appointments__isnull=True).delete()
        slots.update(capacity=F("booked"))
    return list(
        Appointment.objects.filter(
            slot__in=slots, status=Appointment.Status.BOOKED
        ).select_related("slot").order_by("slot__starts_at", "pk")
    )
