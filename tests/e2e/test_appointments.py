"""Book an appointment at a Spazio WeMi with the keyboard only, in Italian and in Arabic:
Spazio page -> log in -> the five steps -> the appointment -> "Your appointments". Each page
on the way passes axe (the new pages' place in the accessibility gate)."""

from datetime import time

import pytest
from wagtail.models import Locale

from content.appointments import slots
from content.appointments.models import Appointment, DeskService
from content.spaces.models import OpeningHours

from .axe import axe_violations, describe
from .keyboard import activate, focus_with_tab, type_into
from .site_data import CITIZEN_EMAIL, CITIZEN_PASSWORD, build_site


@pytest.fixture
def site(live_server, transactional_db):
    site = build_site()
    space = site.pages["space"]
    for weekday in range(7):
        OpeningHours.objects.create(page=space, weekday=weekday, opens=time(8),
                                    closes=time(20))
    italian = Locale.objects.get(language_code="it")
    DeskService.objects.create(locale=italian, slug="orientamento", name="Orientamento")
    DeskService.objects.create(locale=italian, slug="spid", name="Aiuto digitale e SPID",
                               sort_order=1)
    slots.generate(weeks=1)
    return site


def assert_accessible(page, label):
    violations = axe_violations(page)
    assert not violations, describe(label, page.url, violations)


@pytest.mark.parametrize("language", ["it", "ar"])
def test_book_an_appointment_with_the_keyboard_only(page, live_server, site, language):
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{site.url('space', language)}")
    assert_accessible(page, "Spazio page with activities")
    activate(page, 'main a[data-element="appointment-booking"]')
    assert "/login/" in page.url
    type_into(page, 'input[name="login-username"]', CITIZEN_EMAIL)
    type_into(page, 'input[name="login-password"]', CITIZEN_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/appointments/book/" in page.url, page.url
    assert_accessible(page, "step: date and time")

    # A time: Tab into the radio group, Space selects the focused radio.
    focus_with_tab(page, 'input[name="slot"]')
    page.keyboard.press("Space")
    activate(page, 'button[name="go"][value="next"]')
    assert_accessible(page, "step: details")
    focus_with_tab(page, 'input[name="desk_service"]')
    page.keyboard.press("ArrowDown")  # the second topic (arrows move and select)
    type_into(page, 'textarea[name="reason"]', "SPID")
    activate(page, 'button[name="go"][value="next"]')
    assert_accessible(page, "step: applicant")
    type_into(page, 'input[name="contact_phone"]', "+39 02 1234567")
    activate(page, 'button[name="go"][value="next"]')
    assert_accessible(page, "step: summary")
    activate(page, 'button[name="go"][value="next"]')

    appointment = Appointment.objects.get(citizen=site.citizen)
    assert page.url.endswith(f"/{language}/appointments/{appointment.reference}/")
    assert appointment.desk_service.slug == "spid" and appointment.reason == "SPID"
    assert appointment.contact_phone == "+39 02 1234567" and appointment.language == language
    assert_accessible(page, "the appointment")
    activate(page, 'main a[href$="/appointments/mine/"]')
    assert_accessible(page, "your appointments")
    assert appointment.reference in page.content()

    # Cancel it, still with the keyboard: the appointment's page, "Cancel", "Yes, cancel it".
    activate(page, f'main a[href$="/appointments/{appointment.reference}/"]')
    activate(page, 'main a[href$="/cancel/"]')
    assert_accessible(page, "cancel the appointment")
    activate(page, 'main form button[type="submit"]')
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    appointment.slot.refresh_from_db()
    assert appointment.slot.booked == 0  # the place is free again
