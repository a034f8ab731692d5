"""E-mails about an appointment, in the language it was booked in (``Appointment.language``),
with WeMi's e-mail layout (``marketplace.emails``). The confirmation and the reminder carry
the appointment as an .ics calendar file."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone, translation

from content.taxonomy.models import localized
from marketplace.emails import recipient_language, render_messages, site_url

from . import ics
from .models import Appointment
from .spaces import space_in_language


def _context(appointment, language):
    with translation.override(language):
        from wagtail.models import Locale

        locale = Locale.objects.filter(language_code=language).first()
        space = space_in_language(appointment.slot.space_key, language)
        service = (
            localized([appointment.desk_service], locale)[0]
            if locale
            else (appointment.desk_service)
        )
        account_url = site_url(reverse("content_appointments:mine"))
    return {
        "appointment": appointment,
        "space": space,
        "service": service,
        "starts_at": appointment.slot.starts_at,
        "account_url": account_url,
    }


def calendar_file(appointment, context):
    """The .ics text of ``appointment`` (summary and place in the recipient's language)."""
    space = context["space"]
    return ics.event(
        uid=f"{appointment.reference}@wemi.comune.milano.it",
        starts_at=appointment.slot.starts_at,
        ends_at=appointment.slot.ends_at,
        summary=f"{space.title}: {context['service'].name}",
        location=f"{space.facts_source.address}, Milano",
        description=appointment.reference,
        stamp=timezone.now(),
    )


def _send(appointment_id, kind, *, attach=True):
    appointment = Appointment.objects.select_related("slot", "desk_service").get(pk=appointment_id)
    if not appointment.contact_email:
        return None
    language = recipient_language(language=appointment.language)
    context = _context(appointment, language)
    messages = render_messages(f"content_appointments/emails/{kind}", context, language)
    email = EmailMultiAlternatives(
        messages["subject"],
        messages["body"],
        settings.DEFAULT_FROM_EMAIL,
        [appointment.contact_email],
    )
    email.attach_alternative(messages["html"], "text/html")
    if attach:
        email.attach(
            f"{appointment.reference}.ics",
            calendar_file(appointment, context),
            "text/calendar; charset=utf-8; method=PUBLISH",
        )
    email.send()
    return email


def send_confirmation(appointment_id):
    return _send(appointment_id, "confirmed")


def send_cancellation(appointment_id):
    return _send(appointment_id, "cancelled", attach=False)


def send_reminder(appointment_id):
    return _send(appointment_id, "reminder")
