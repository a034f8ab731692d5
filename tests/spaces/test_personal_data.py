"""Appointments in "download my data" and in account deletion (marketplace/rights)."""

import pytest
from django.utils import timezone

from content.appointments.booking import book_appointment
from content.appointments.models import Appointment, Slot
from marketplace.rights import registry
from marketplace.rights.erasure import delete_account

pytestmark = pytest.mark.django_db


def test_the_export_lists_appointments_and_deletion_frees_the_place(
    citizen, make_slot, desk_services
):
    slot = make_slot(capacity=2)
    book_appointment(
        slot_id=slot.pk, desk_service=desk_services[0], citizen=citizen, reason="ISEE help",
        contact_name="Giulia Rossi", contact_email=citizen.email, contact_phone="+39 333 1",
    )
    section = next(s for s in registry.collect(citizen) if s.key == "appointments")
    assert any(f.value == "Giulia Rossi" for record in section.records for f in record)

    delete_account(citizen)

    appointment = Appointment.objects.get()
    assert appointment.status == Appointment.Status.CANCELLED
    assert appointment.citizen is None
    assert (appointment.contact_name, appointment.contact_email, appointment.contact_phone,
            appointment.reason) == ("", "", "", "")
    assert Slot.objects.get(pk=slot.pk).booked == 0
    assert timezone.now() < slot.starts_at
