from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "content.appointments"
    label = "content_appointments"
    verbose_name = _("Spazi WeMi appointments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from scheduler.registry import register

        from . import personal_data  # noqa: F401  (its section of "download my data")

        # Slots for the coming weeks (idempotent: existing slots are left as they are).
        register("generate_appointment_slots", every=3600)
        # Reminders the day before (each appointment once: guarded by reminder_sent_at).
        register("send_appointment_reminders", every=900)
