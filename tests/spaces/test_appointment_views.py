"""The citizen's booking steps, my appointments, the operator's desk: who sees what."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from content import factories
from content.appointments import booking
from content.appointments.models import Appointment, Visit

pytestmark = pytest.mark.django_db


def url(name, *args, language="it"):
    with translation.override(language):
        return reverse(f"content_appointments:{name}", args=args)


def desk_url(name, *args):
    return reverse(f"content_appointments_desk:{name}", args=args)


def steps(client, space, slot, service, language="it", **contacts):
    """Walk the steps by POST like the browser does; return the last response."""
    address = url("book_space", space.translation_key, language=language)
    day = slot.starts_at.astimezone().date().isoformat()
    data = {"step": "slot", "go": "next", "day": day, "slot": slot.pk}
    response = client.post(address, data)
    assert response.status_code == 200 and b'name="step" value="details"' in response.content
    data.update(step="details", desk_service=service.pk, reason="SPID")
    response = client.post(address, data)
    assert b'name="step" value="contacts"' in response.content
    data.update(step="contacts", contact_name="Giulia Rossi",
                contact_email="giulia@wemi.example", contact_phone="", **contacts)
    response = client.post(address, data)
    assert b'name="step" value="summary"' in response.content
    data.update(step="summary")
    return client.post(address, data), data


def test_the_citizen_books_in_five_steps_and_a_double_submit_shows_the_first_result(
    client, spaces, make_slot, desk_services, citizen, django_capture_on_commit_callbacks
):
    slot = make_slot(capacity=2)
    response = client.get(url("book"))
    assert response.status_code == 200
    assert url("book_space", spaces[0].translation_key) in response.content.decode()
    # The steps need an account.
    response = client.get(url("book_space", spaces[0].translation_key))
    assert response.status_code == 302 and "login" in response["Location"]

    client.force_login(citizen)
    response = client.get(url("book_space", spaces[0].translation_key))
    assert b"steppers" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        response, data = steps(client, spaces[0], slot, desk_services[1])
    appointment = Appointment.objects.get()
    assert response["Location"] == url("detail", appointment.reference)
    assert appointment.channel == "web" and appointment.citizen == citizen
    assert appointment.language == "it" and appointment.reason == "SPID"
    assert len(mail.outbox) == 1
    # The same confirmation posted again: the same appointment, no second place.
    again = client.post(url("book_space", spaces[0].translation_key), data)
    assert again["Location"] == url("detail", appointment.reference)
    slot.refresh_from_db()
    assert slot.booked == 1


def test_a_step_with_errors_keeps_the_answers(client, spaces, make_slot, desk_services, citizen):
    slot = make_slot()
    client.force_login(citizen)
    address = url("book_space", spaces[0].translation_key)
    day = slot.starts_at.astimezone().date().isoformat()
    response = client.post(address, {"step": "details", "go": "next", "day": day,
                                      "slot": slot.pk, "reason": "Il mio motivo"})
    content = response.content.decode()
    assert 'name="step" value="details"' in content
    assert "Scegli un argomento." in content and "Il mio motivo" in content


def test_a_slot_taken_meanwhile_sends_back_to_the_times(
    client, spaces, make_slot, desk_services, citizen
):
    slot = make_slot(capacity=1)
    client.force_login(citizen)
    address = url("book_space", spaces[0].translation_key)
    day = slot.starts_at.astimezone().date().isoformat()
    data = {"step": "summary", "go": "next", "day": day, "slot": slot.pk,
            "desk_service": desk_services[0].pk, "contact_name": "G",
            "contact_email": "g@wemi.example"}
    other = get_user_model().objects.create_user(email="o@wemi.example", password="x")
    booking.book_appointment(slot_id=slot.pk, desk_service=desk_services[0], citizen=other,
                             contact_name="o", notify=False)
    response = client.post(address, data)
    # The slot is no longer among the choices: the times step again, with a message.
    assert response.status_code == 200
    assert 'name="step" value="slot"' in response.content.decode()
    assert Appointment.objects.count() == 1


def test_my_appointments_cancel_and_move_and_nobody_elses(
    client, spaces, make_slot, desk_services, citizen
):
    first, second = make_slot(hours_ahead=30), make_slot(hours_ahead=50)
    appointment = booking.book_appointment(
        slot_id=first.pk, desk_service=desk_services[0], citizen=citizen,
        contact_name="Giulia", notify=False,
    )
    client.force_login(citizen)
    mine = client.get(url("mine"))
    assert appointment.reference in mine.content.decode()
    for language in ("it", "ar"):
        assert client.get(url("mine", language=language)).status_code == 200
        detail = client.get(url("detail", appointment.reference, language=language))
        assert detail.status_code == 200

    response = client.post(url("move", appointment.reference), {
        "go": "next", "day": second.starts_at.astimezone().date().isoformat(), "slot": second.pk,
    })
    moved = Appointment.objects.get(status="booked")
    assert response["Location"] == url("detail", moved.reference)
    assert client.post(url("cancel", moved.reference))["Location"] == url("mine")
    moved.refresh_from_db()
    assert moved.status == "cancelled"

    stranger = get_user_model().objects.create_user(email="s@wemi.example", password="x")
    client.force_login(stranger)
    for name in ("detail", "cancel", "move"):
        assert client.get(url(name, moved.reference)).status_code == 404
    assert client.get(url("book_space", "00000000-0000-0000-0000-000000000000")).status_code == 404


def test_the_operator_desk_is_only_for_the_operators_own_spazio(
    client, spaces, make_slot, desk_services, operator, citizen
):
    slot = make_slot(capacity=2)
    appointment = booking.book_appointment(
        slot_id=slot.pk, desk_service=desk_services[0], citizen=citizen,
        contact_name="Giulia Rossi", notify=False,
    )
    client.force_login(operator)
    home = client.get(desk_url("home"))
    assert home["Location"] == desk_url("agenda", spaces[0].translation_key)
    day = slot.starts_at.astimezone().date().isoformat()
    agenda = client.get(desk_url("agenda", spaces[0].translation_key) + f"?day={day}")
    assert agenda.status_code == 200 and "Giulia Rossi" in agenda.content.decode()
    # Another Spazio, or an appointment of another Spazio: 404.
    assert client.get(desk_url("agenda", spaces[1].translation_key)).status_code == 404
    assert client.get(desk_url("book_for", spaces[1].translation_key)).status_code == 404
    other_slot = make_slot(space=spaces[1])
    other = booking.book_appointment(slot_id=other_slot.pk, desk_service=desk_services[0],
                                     contact_name="X", notify=False)
    assert client.post(desk_url("mark", spaces[0].translation_key, other.pk,
                                "attended")).status_code == 404
    assert client.post(desk_url("mark", spaces[1].translation_key, other.pk,
                                "attended")).status_code == 404

    client.post(desk_url("mark", spaces[0].translation_key, appointment.pk, "attended"))
    appointment.refresh_from_db()
    assert appointment.status == "attended"

    # Booking for a person without an account, on the phone.
    response = client.post(desk_url("book_for", spaces[0].translation_key), {
        "slot": slot.pk, "desk_service": desk_services[1].pk, "contact_name": "Amina Haddad",
        "contact_phone": "+39 333 555 0102", "channel": "phone", "language": "ar",
    })
    assert response.status_code == 302
    by_phone = Appointment.objects.get(contact_name="Amina Haddad")
    assert by_phone.citizen is None and by_phone.channel == "phone"
    assert by_phone.booked_by == operator and by_phone.language == "ar"
    # Neither a phone nor an email: the form says so and keeps the name.
    response = client.post(desk_url("book_for", spaces[0].translation_key), {
        "slot": slot.pk, "desk_service": desk_services[1].pk, "contact_name": "Senza Contatti",
        "channel": "desk", "language": "it",
    })
    assert response.status_code == 200 and "Senza Contatti" in response.content.decode()

    # A walk-in visit, then the report and its CSV.
    municipio = factories.make_zone("Municipio 2", number=2)
    client.post(desk_url("visit", spaces[0].translation_key), {
        "desk_service": desk_services[0].pk, "municipio": municipio.pk, "outcome": "referred",
    })
    visit = Visit.objects.get()
    assert visit.operator == operator and visit.space_key == spaces[0].translation_key
    csv = client.get(desk_url("report") + "?format=csv&since=2000-01-01&until=2100-01-01")
    rows = csv.content.decode().splitlines()
    assert rows[1:] and all("Spazio WeMi Centro" in row for row in rows[1:])
    assert not any("Nord" in row for row in rows)


def test_the_desk_is_closed_to_citizens_and_provider_staff(client, spaces, citizen):
    client.force_login(citizen)
    assert client.get(desk_url("agenda", spaces[0].translation_key)).status_code in (302, 403)
    assert client.get(desk_url("report")).status_code in (302, 403)


def test_the_servizi_page_space_pages_and_service_pages_link_to_the_booking(
    client, spaces, desk_services
):
    marker = re.compile(r'<a [^>]*href="([^"#]+)"[^>]*data-element="appointment-booking"')
    space = client.get(spaces[0].url)
    found = marker.search(space.content.decode())
    assert found and found.group(1) == url("book_space", spaces[0].translation_key)
    provider = factories.make_provider("Cooperativa Prova")
    service = factories.make_service(provider, "Servizio di prova")
    for page in (service, factories.service_index()):
        response = client.get(page.url)
        found = marker.search(response.content.decode())
        assert found, page
        assert client.get(found.group(1)).status_code == 200
