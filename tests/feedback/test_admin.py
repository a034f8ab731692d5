"""Editors see all feedback; provider staff only their own provider's pages."""

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


def test_staff_mark_their_report_handled_but_not_others(client, two_providers):
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

    url = reverse("content_feedback_admin:set_handled", args=[mine.pk])
    assert client.post(url, {"handled": "1"}).status_code == 302
    mine.refresh_from_db()
    assert mine.handled and mine.handled_by == staff and mine.handled_at
    # Not found for them (LocaleMiddleware turns the 404 into a redirect to /it/...).
    forbidden = client.post(
        reverse("content_feedback_admin:set_handled", args=[theirs.pk]), {"handled": "1"}
    )
    assert forbidden.status_code in (302, 404)
    assert forbidden.get("Location", "").startswith("/it/") or forbidden.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.handled


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
