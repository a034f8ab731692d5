"""Issue #16, "Done when", the operator's part, through the web UI in Italian and Arabic: the
operator opens the Spazio's agenda and sees the citizen's appointment, records a walk-in
visit, closes the Spazio on a day, and goes from the agenda to acting for the authorised
citizen. (Booking and cancelling with the keyboard: test_appointments.py; buying for the
citizen, who then sees the order and the access log: test_acting_for.py; downloading and
deleting one's data: test_privacy.py.)

Screenshots at 1280 and 390 px go to ``WEMI_SHOTS_DIR`` when it is set.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from content.appointments import booking
from content.appointments.models import Closure, DeskService, Slot, Visit
from marketplace.privacy.models import DataAccess

from .shots import shoot
from .test_acting_for import log_in, world  # noqa: F401  (the fixture)


@pytest.mark.parametrize("language", ["it", "ar"])
def test_operator_agenda_walk_in_closure_and_acting_from_the_agenda(
    live_server, page, world, language  # noqa: F811
):
    from wagtail.users.models import UserProfile

    _service, _offer, _quartiere, operator, citizen = world
    space_key = operator.space_operator_roles.get().space_key
    italian = Locale.objects.get(language_code="it")
    topic = DeskService.objects.create(locale=italian, slug="orientamento", name="Orientamento")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10)))
    slot = Slot.objects.create(
        space_key=space_key, starts_at=start, ends_at=start + datetime.timedelta(minutes=30),
        capacity=2,
    )
    booking.book_appointment(
        slot_id=slot.pk, desk_service=topic, citizen=citizen, contact_name="Maria Rossi",
        contact_email=citizen.email, booked_by=citizen, notify=False,
    )
    # The admin speaks the operator's language (Wagtail's per-user preference).
    profile = UserProfile.get_for_user(operator)
    profile.preferred_language = language
    profile.save()
    base = live_server.url
    page.set_default_timeout(15_000)

    log_in(page, base, "operatore@wemi.example", "wemi-operatore", language)
    page.goto(f"{base}/cms/spazi/")
    assert f"/cms/spazi/{space_key}/" in page.url  # one Spazio: straight to its agenda
    before = DataAccess.objects.filter(subject=citizen).count()
    page.goto(f"{base}/cms/spazi/{space_key}/?day={tomorrow.isoformat()}")
    assert "Maria Rossi" in page.inner_text("main table")
    assert DataAccess.objects.filter(subject=citizen).count() == before + 1
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    shoot(page, f"agenda-{language}")

    # A walk-in visit: need, Municipio, outcome; back on the agenda with the count.
    page.click(f"main a[href$='/cms/spazi/{space_key}/visit/']")
    page.select_option("#id_desk_service", str(topic.pk))
    page.select_option("#id_outcome", "helped_apply")
    shoot(page, f"visit-{language}")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/cms/spazi/{space_key}/")
    visit = Visit.objects.get()
    assert (visit.outcome, visit.operator, visit.space_key) == ("helped_apply", operator, space_key)

    # A closure day, from the desk.
    page.goto(f"{base}/cms/spazi/{space_key}/closures/")
    closed = timezone.localdate() + datetime.timedelta(days=12)
    page.fill("#id_day", closed.isoformat())
    page.fill("#id_reason", "Formazione del personale")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/cms/spazi/{space_key}/closures/")
    assert Closure.objects.filter(space_key=space_key, day=closed).exists()
    shoot(page, f"closures-{language}")

    # From the agenda to acting for the citizen who authorised the operator.
    page.goto(f"{base}/cms/spazi/{space_key}/?day={tomorrow.isoformat()}")
    page.click("main table form[action*='/desk/act/'] button[type=submit]")
    page.wait_for_url(f"**/{language}/")
    assert "Maria Rossi" in page.inner_text("[data-element=acting-banner]")
    shoot(page, f"acting-home-{language}")
    page.click("[data-element=acting-banner] form button[type=submit]")
    page.wait_for_url("**/privacy/desk/")
    assert page.locator("main a[href$='/cms/spazi/']").count() == 1  # back to the agenda
    shoot(page, f"acting-desk-{language}")
