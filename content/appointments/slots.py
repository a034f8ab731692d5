"""Appointment hours and slots of the Spazi: the rules made from opening hours, the slots made
from the rules for the coming weeks (idempotent)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import rules
from .models import DeskService, Slot, SlotRule
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


def generate(now=None, weeks=rules.BOOKING_WEEKS):
    """Create the missing slots of every live Spazio from tomorrow for ``weeks`` weeks.
    Returns the number created; a second run creates none (slots are unique per start)."""
    now = now or timezone.now()
    tz = ZoneInfo(settings.TIME_ZONE)
    first_day = now.astimezone(tz).date()
    created = 0
    for space in italian_spaces():
        with transaction.atomic():
            planned = rules.planned_slots(ensure_rules(space), first_day, weeks * 7, tz)
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
