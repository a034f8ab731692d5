"""Taking and giving back places: appointments in slots, places in activities.

Every place moves by one conditional UPDATE under the CheckConstraints of the models
(``UPDATE ... SET booked = booked + 1 WHERE id = ? AND booked < capacity AND starts_at > now``),
in the same transaction as the row it pays for; when no row is updated the function raises
``Unavailable`` and nothing is written. Status changes go through ``_transition`` (row
locked, move checked against ``rules.TRANSITIONS``, a status-change row, e-mails on commit).
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import emails, rules
from .models import Activity, ActivityBooking, Appointment, AppointmentStatusChange, Slot


class Unavailable(Exception):
    """The place cannot be taken; ``reason`` is ``"past"``, ``"full"``, ``"missing"`` or
    ``"already_booked"`` (the citizen already holds a place there)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _take_place(model, pk, capacity_field, now):
    """The conditional UPDATE: one place of row ``pk``, if free and not started."""
    taken = model.objects.filter(pk=pk, starts_at__gt=now, booked__lt=F(capacity_field)).update(
        booked=F("booked") + 1
    )
    if not taken:
        row = model.objects.filter(pk=pk).values("starts_at", "booked", capacity_field).first()
        if row is None:
            raise Unavailable("missing")
        raise Unavailable(
            rules.refusal(row["starts_at"], row["booked"], row[capacity_field], now) or "full"
        )


def _give_place(model, pk):
    """The guarded decrement: never below zero (the CheckConstraint would refuse it)."""
    model.objects.filter(pk=pk, booked__gt=0).update(booked=F("booked") - 1)


def book_appointment(
    *,
    slot_id,
    desk_service,
    citizen=None,
    reason="",
    contact_name,
    contact_email="",
    contact_phone="",
    booked_by=None,
    channel="web",
    language="it",
    now=None,
    notify=True,
):
    """Book a place in slot ``slot_id`` and return the new ``Appointment``.

    ``citizen`` is None for a person without an account (booked at the desk or on the
    phone). Raises ``Unavailable`` ("past", "full", "missing", "already_booked").
    The confirmation e-mail (with an .ics) leaves on commit when there is an address.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if (
            citizen is not None
            and Appointment.objects.filter(
                slot_id=slot_id, citizen=citizen, status=Appointment.Status.BOOKED
            ).exists()
        ):
            raise Unavailable("already_booked")
        _take_place(Slot, slot_id, "capacity", now)
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(
                    slot_id=slot_id,
                    citizen=citizen,
                    desk_service=desk_service,
                    reason=reason,
                    booked_by=booked_by or citizen,
                    channel=channel,
                    reference=rules.new_reference(),
                    contact_name=contact_name,
                    contact_email=contact_email,
                    contact_phone=contact_phone,
                    language=language,
                )
        except IntegrityError as error:  # a racing double submit of the same citizen
            raise Unavailable("already_booked") from error
        AppointmentStatusChange.objects.create(
            appointment=appointment, old_status="", new_status="booked", changed_by=booked_by
        )
        if notify and appointment.contact_email:
            transaction.on_commit(lambda: emails.send_confirmation(appointment.pk))
    return appointment


def _transition(appointment_id, new_status, by, *, notify=True):
    """Move an appointment to ``new_status`` (row locked), give its place back when the move
    releases it, record the change. Raises ``rules.TransitionNotAllowed``."""
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment_id)
        old = appointment.status
        rules.check_transition(old, new_status)
        appointment.status = new_status
        appointment.save(update_fields=["status"])
        if rules.releases_place(old, new_status):
            _give_place(Slot, appointment.slot_id)
        AppointmentStatusChange.objects.create(
            appointment=appointment, old_status=old, new_status=new_status, changed_by=by
        )
        if notify and new_status == "cancelled" and appointment.contact_email:
            transaction.on_commit(lambda: emails.send_cancellation(appointment.pk))
    return appointment


def cancel_appointment(appointment, by, *, now=None, as_citizen=True, notify=True):
    """Cancel ``appointment``; a citizen only before it starts (``as_citizen``).
    Raises ``rules.TransitionNotAllowed``."""
    now = now or timezone.now()
    if as_citizen and not rules.citizen_may_cancel(
        appointment.status, appointment.slot.starts_at, now
    ):
        raise rules.TransitionNotAllowed(f"{appointment.status} -> cancelled")
    return _transition(appointment.pk, Appointment.Status.CANCELLED, by, notify=notify)


def mark_attendance(appointment, status, by):
    """The operator records ``attended`` or ``no_show``."""
    if status not in (Appointment.Status.ATTENDED, Appointment.Status.NO_SHOW):
        raise rules.TransitionNotAllowed(status)
    return _transition(appointment.pk, status, by)


def move_appointment(appointment, new_slot_id, by, *, now=None):
    """Cancel ``appointment`` and book the same topic in ``new_slot_id``, atomically: if the
    new slot is not free (``Unavailable``) the old appointment stays as it was."""
    now = now or timezone.now()
    with transaction.atomic():
        cancel_appointment(appointment, by, now=now, notify=False)
        new = book_appointment(
            slot_id=new_slot_id,
            desk_service=appointment.desk_service,
            citizen=appointment.citizen,
            reason=appointment.reason,
            contact_name=appointment.contact_name,
            contact_email=appointment.contact_email,
            contact_phone=appointment.contact_phone,
            booked_by=by,
            channel=appointment.channel,
            language=appointment.language,
            now=now,
        )
    return new


def book_activity(activity, citizen, *, now=None):
    """Take a place in ``activity`` (any translation: places are counted on the source row).
    Raises ``Unavailable``."""
    now = now or timezone.now()
    source = activity.get_translation(_default_locale())
    with transaction.atomic():
        if ActivityBooking.objects.filter(
            activity=source, citizen=citizen, status=ActivityBooking.Status.BOOKED
        ).exists():
            raise Unavailable("already_booked")
        _take_place(Activity, source.pk, "places", now)
        try:
            with transaction.atomic():
                return ActivityBooking.objects.create(
                    activity=source, citizen=citizen, reference=rules.new_reference("AT")
                )
        except IntegrityError as error:
            raise Unavailable("already_booked") from error


def cancel_activity_booking(booking, *, now=None):
    """Give the place back, once (the status guard makes a second cancel a no-op False)."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = ActivityBooking.objects.filter(
            pk=booking.pk, status=ActivityBooking.Status.BOOKED, activity__starts_at__gt=now
        ).update(status=ActivityBooking.Status.CANCELLED)
        if changed:
            _give_place(Activity, booking.activity_id)
    return bool(changed)


def _default_locale():
    from wagtail.models import Locale

    return Locale.get_default()
