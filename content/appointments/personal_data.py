"""What the appointments app holds about a citizen, for "download my data" and account
deletion (marketplace/rights/registry.py; docs/decisions/0022-data-retention-and-rights.md).

Erasure cancels the citizen's future appointments and activity places first (the places go
back to the Spazio), then empties the personal fields of every appointment: the Spazio keeps
its counts (attendance, visits by need) without knowing who came.
"""

from django.utils.translation import gettext_lazy as _

from marketplace.rights.registry import exclude, model_record, register

from .models import ActivityBooking, Appointment


def appointment_data(user):
    records = [
        model_record(a, ["reference", "desk_service", "status", "channel", "reason",
                         "contact_name", "contact_email", "contact_phone", "created_at"])
        for a in Appointment.objects.filter(citizen=user).select_related("desk_service", "slot")
    ]
    records += [
        model_record(b, ["reference", "activity", "status", "created_at"])
        for b in ActivityBooking.objects.filter(citizen=user).select_related("activity")
    ]
    return records


def erase_appointments(user, now):
    from .booking import cancel_activity_booking, cancel_appointment

    for appointment in Appointment.objects.filter(
        citizen=user, status=Appointment.Status.BOOKED, slot__starts_at__gt=now
    ).order_by("pk"):
        cancel_appointment(appointment, user, now=now, notify=False)
    for booking in ActivityBooking.objects.filter(
        citizen=user, status=ActivityBooking.Status.BOOKED, activity__starts_at__gt=now
    ).order_by("pk"):
        cancel_activity_booking(booking, now=now)
    ActivityBooking.objects.filter(citizen=user).delete()
    Appointment.objects.filter(citizen=user).update(
        citizen=None, reason="", contact_name="", contact_email="", contact_phone=""
    )
    Appointment.objects.filter(booked_by=user).update(booked_by=None)


register(
    "appointments",
    title=_("Appointments at the Spazi WeMi"),
    collect=appointment_data,
    erase=erase_appointments,
    covers=[
        "content_appointments.Appointment.citizen",
        "content_appointments.Appointment.booked_by",
        "content_appointments.ActivityBooking.citizen",
    ],
    order=60,
)
exclude(
    "content_appointments.AppointmentStatusChange.changed_by",
    "who moved an appointment (the operator, or the citizen cancelling): the desk's history; "
    "the citizen's account is anonymised, so it names nobody after erasure",
)
exclude("content_appointments.Visit.operator", "the operator who recorded a visit: staff work")
exclude("content_spaces.SpaceOperator.user", "the Spazio an operator serves: a staff role")
exclude(
    "content_appointments.Closure.created_by",
    "who closed a Spazio on a day (an operator or a Comune editor): staff work",
)
