"""Editors see all feedback; provider staff only their own provider's pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from content import factories
from content.feedback.access import visible_ratings, visible_reports
from content.feedback.models import PageRating, ProblemReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_providers(home_page):
    aurora = factories.make_provider(title="Cooperativa Aurora")
    borea = factories.make_provider(title="Cooperativa Borea")
    aurora.refresh_from_db()
    borea.refresh_from_db()
    return (
        aurora, factories.make_service(aurora, title="Pasti a domicilio Aurora"),
        borea, factories.make_service(borea, title="Pasti a domicilio Borea"),
    )


def _user(email, **fields):
    return get_user_model().objects.create_user(email=email, password="pw-Feedback-1", **fields)


def test_provider_staff_see_only_their_pages(two_providers):
    aurora, aurora_service, borea, borea_service = two_providers
    mine = ProblemReport.objects.create(page=aurora_service, kind="price", description="x")
    ProblemReport.objects.create(page=borea_service, kind="price", description="y")
    ProblemReport.objects.create(page=None, kind="other", description="z")
    PageRating.objects.create(page=aurora_service, stars=2)
    PageRating.objects.create(page=borea_service, stars=5)

    staff = _user("staff@aurora.example")
    staff.groups.add(aurora.staff_group)
    assert list(visible_reports(staff)) == [mine]
    assert [r.page_id for r in visible_ratings(staff)] == [aurora_service.pk]

    editor = _user("editor@comune.example")
    editors = Group.objects.create(name="Feedback editors")
    editors.permissions.add(Permission.objects.get(codename="view_problemreport"))
    editor.groups.add(editors)
    assert visible_reports(editor).count() == 3
    assert visible_ratings(editor).count() == 2

    stranger = _user("nobody@example.org")
    assert visible_reports(stranger).count() == 0


def test_staff_read_their_reports_but_cannot_close_them(client, two_providers):
    aurora, aurora_service, borea, borea_service = two_providers
    mine = ProblemReport.objects.create(page=aurora_service, kind="phone", description="x")
    theirs = ProblemReport.objects.create(page=borea_service, kind="phone", description="y")
    staff = _user("staff@aurora.example")
    staff.groups.add(aurora.staff_group)
    client.force_login(staff)

    listing = client.get(reverse("content_feedback_admin:reports"))
    assert listing.status_code == 200
    assert "Pasti a domicilio Aurora" in listing.content.decode()
    assert "Pasti a domicilio Borea" not in listing.content.decode()
    set_handled = reverse("content_feedback_admin:set_handled", args=[mine.pk])
    assert set_handled not in listing.content.decode()

    # A complaint about themselves is the Comune's to close, as is anybody else's.
    for report in (mine, theirs):
        url = reverse("content_feedback_admin:set_handled", args=[report.pk])
        response = client.post(url, {"handled": "1"})
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        report.refresh_from_db()
        assert not report.handled


@pytest.fixture
def comune_editor():
    from content.core.roles import ensure_editors_group

    editor = _user("redazione@comune.example")
    editor.groups.add(ensure_editors_group())
    return editor


@pytest.fixture
def comune_operator():
    from marketplace.fulfilment.roles import ensure_operators_group

    operator = _user("operatore@comune.example")
    operator.groups.add(ensure_operators_group())
    return operator


@pytest.mark.parametrize("role", ["comune_editor", "comune_operator"])
def test_the_comune_sees_and_handles_every_report(client, two_providers, role, request):
    _aurora, aurora_service, _borea, borea_service = two_providers
    about_a_provider = ProblemReport.objects.create(
        page=aurora_service, kind="price", description="Il prezzo è sbagliato"
    )
    general = ProblemReport.objects.create(
        page=None, kind="other", description="Il modulo di prenotazione non funziona"
    )
    PageRating.objects.create(page=borea_service, stars=1, answer="unclear")
    user = request.getfixturevalue(role)
    client.force_login(user)

    for name in ("ratings", "reports"):
        assert client.get(reverse(f"content_feedback_admin:{name}")).status_code == 200
    listing = client.get(reverse("content_feedback_admin:reports")).content.decode()
    assert "Il prezzo è sbagliato" in listing or "Pasti a domicilio Aurora" in listing
    assert reverse("content_feedback_admin:set_handled", args=[general.pk]) in listing
    assert "Pasti a domicilio Borea" in client.get(
        reverse("content_feedback_admin:ratings")
    ).content.decode()

    for report in (about_a_provider, general):
        url = reverse("content_feedback_admin:set_handled", args=[report.pk])
        assert client.post(url, {"handled": "1"}).status_code == 302
        report.refresh_from_db()
        assert report.handled and report.handled_by == user

    client.post(
        reverse("content_feedback_admin:set_handled", args=[general.pk]), {"handled": "0"}
    )
    general.refresh_from_db()
    assert not general.handled


def test_the_feedback_menu_is_shown_to_the_comune(client, comune_editor):
    client.force_login(comune_editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("content_feedback_admin:reports") in home


def test_ratings_are_aggregated_per_page(client, two_providers):
    _aurora, aurora_service, _borea, borea_service = two_providers
    for stars in (1, 2, 5):
        PageRating.objects.create(page=aurora_service, stars=stars,
                                  answer="unclear" if stars < 4 else "clear")
    admin = get_user_model().objects.create_superuser(
        email="admin@comune.example", password="pw-Feedback-1"
    )
    client.force_login(admin)
    html = client.get(reverse("content_feedback_admin:ratings")).content.decode()
    assert "Pasti a domicilio Aurora" in html and "2.7" in html.replace(",", ".")
    detail = client.get(reverse("content_feedback_admin:page", args=[aurora_service.pk]))
    assert detail.status_code == 200
    assert detail.context["total"] == 3
    counts = {row["code"]: row["count"] for row in detail.context["answers"]}
    assert counts["unclear"] == 2 and counts["clear"] == 1


def test_users_without_feedback_rights_get_no_admin_views(client, two_providers):
    user = _user("someone@example.org")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    response = client.get(reverse("content_feedback_admin:reports"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_editors_need_the_change_permission_to_handle_reports(client, two_providers):
    _aurora, aurora_service, _borea, _borea_service = two_providers
    report = ProblemReport.objects.create(page=aurora_service, kind="other", description="x")
    viewer = _user("viewer@comune.example")
    viewers = Group.objects.create(name="Feedback viewers")
    viewers.permissions.add(Permission.objects.get(codename="view_problemreport"),
                            Permission.objects.get(codename="access_admin"))
    viewer.groups.add(viewers)
    client.force_login(viewer)
    listing = client.get(reverse("content_feedback_admin:reports"))
    assert "Pasti a domicilio Aurora" in listing.content.decode()
    assert "Mark as handled" not in listing.content.decode()
    client.post(reverse("content_feedback_admin:set_handled", args=[report.pk]), {"handled": "1"})
    report.refresh_from_db()
    assert not report.handled

    viewers.permissions.add(Permission.objects.get(codename="change_problemreport"))
    viewer = get_user_model().objects.get(pk=viewer.pk)  # fresh permission cache
    client.force_login(viewer)
    client.post(reverse("content_feedback_admin:set_handled", args=[report.pk]), {"handled": "1"})
    report.refresh_from_db()
    assert report.handled and report.handled_by == viewer


def test_feedback_admin_pages_have_a_document_title(client, comune_editor, two_providers):
    """Screen-reader users and browser tabs name the page ("- Wagtail" alone said nothing)."""
    _aurora, aurora_service, _borea, _borea_service = two_providers
    client.force_login(comune_editor)
    for url, title in [
        (reverse("content_feedback_admin:reports"), "Segnalazioni"),  # the admin speaks Italian
        (reverse("content_feedback_admin:ratings"), "Valutazioni delle pagine"),
    ]:
        html = client.get(url).content.decode()
        assert re.search(rf"<title>\s*{title}\s*- ", html), url
