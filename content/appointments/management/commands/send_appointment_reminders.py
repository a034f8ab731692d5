"""Send the reminder of tomorrow's appointments, each once (a scheduler job).

Each appointment is claimed by a conditional UPDATE of ``reminder_sent_at`` before its
e-mail is sent, so two schedulers running at once never send it twice."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from content.appointments import emails, rules
from content.appointments.models import Appointment


class Command(BaseCommand):
    help = "E-mail a reminder to everyone with an appointment at a Spazio WeMi tomorrow."

    def handle(self, *args, **options):
        now = timezone.now()
        tz = ZoneInfo(settings.TIME_ZONE)
        candidates = Appointment.objects.filter(
            status=Appointment.Status.BOOKED,
            reminder_sent_at__isnull=True,
            slot__starts_at__gt=now,
            slot__starts_at__lt=now + timedelta(days=2),
        ).select_related("slot")
        sent = 0
        for appointment in candidates:
            if not rules.reminder_due(appointment.slot.starts_at, now, None, tz):
                continue
            claimed = Appointment.objects.filter(
                pk=appointment.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed and appointment.contact_email:
                emails.send_reminder(appointment.pk)
                sent += 1
        self.stdout.write(f"{sent} appointment reminders sent.")
