"""The Comune moderation workflow end to end through the admin views, scheduled publishing
and revisions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from content.services.models import ServicePage

pytestmark = pytest.mark.django_db


def edit_form_data(client, page, **changes):
    """The page editor's form as the browser would submit it, with some fields changed."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["faq-count"] = "0"  # StreamField inputs are built by JavaScript.
    for name, value in changes.items():
        data[name] = value
    return data


def submit_for_moderation(client, page, summary):
    data = edit_form_data(client, page, summary=summary)
    data["action-submit"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def workflow_action(client, page, action, **data):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def test_workflow_covers_every_page(service, editors_group):
    workflow = service.get_workflow()
    assert workflow.name == "Comune moderation"
    assert [task.specific.groups.get() for task in workflow.tasks] == [editors_group]


def test_provider_submits_editor_approves_page_goes_live(
    client, service, provider_staff, editor
):
    client.force_login(provider_staff)
    response = submit_for_moderation(client, service, "Nuova descrizione breve del servizio.")
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.workflow_in_progress
    assert service.has_unpublished_changes
    assert client.get(service.url).content.decode().count("Nuova descrizione breve") == 0

    # The provider cannot approve their own submission.
    response = workflow_action(client, service, "approve")
    assert response.status_code in (302, 403)
    service.refresh_from_db()
    assert service.workflow_in_progress

    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert service.title in dashboard  # awaiting the editor's review
    response = workflow_action(client, service, "approve")
    assert response.status_code == 302
    service.refresh_from_db()
    assert not service.workflow_in_progress
    assert service.live and not service.has_unpublished_changes
    assert ServicePage.objects.get(pk=service.pk).summary == "Nuova descrizione breve del servizio."
    client.logout()
    assert "Nuova descrizione breve del servizio." in client.get(service.url).content.decode()


def test_editor_requests_changes_and_nothing_goes_live(client, service, provider_staff, editor):
    original_summary = service.summary
    client.force_login(provider_staff)
    submit_for_moderation(client, service, "Testo da correggere.")
    client.force_login(editor)
    response = workflow_action(client, service, "reject", comment="Manca il prezzo.")
    assert response.status_code == 302
    service.refresh_from_db()
    assert not service.workflow_in_progress
    assert service.current_workflow_state is None or service.current_workflow_state.status in (
        WorkflowState.STATUS_NEEDS_CHANGES,
    )
    assert WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(service.pk),
        status=WorkflowState.STATUS_NEEDS_CHANGES,
    ).exists()
    assert ServicePage.objects.get(pk=service.pk).summary == original_summary
    assert "Testo da correggere." not in client.get(service.url).content.decode()


def test_provider_staff_cannot_publish_directly(client, service, provider_staff):
    client.force_login(provider_staff)
    data = edit_form_data(client, service, summary="Pubblicato senza approvazione?")
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)
    assert ServicePage.objects.get(pk=service.pk).summary != "Pubblicato senza approvazione?"


def test_editor_publishes_directly(client, service, editor):
    client.force_login(editor)
    data = edit_form_data(client, service, summary="Aggiornato dalla redazione.")
    data["action-publish"] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)
    assert response.status_code == 302
    assert ServicePage.objects.get(pk=service.pk).summary == "Aggiornato dalla redazione."


def test_scheduled_publishing_goes_live_at_the_set_time(client, service, editor):
    from django.core.management import call_command

    client.force_login(editor)
    go_live = timezone.localtime() + timedelta(hours=2)
    data = edit_form_data(
        client, service, summary="Novità in arrivo.",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    data["action-publish"] = "1"
    client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)
    service.refresh_from_db()
    revision = service.latest_revision
    assert revision.approved_go_live_at is not None
    assert service.summary != "Novità in arrivo."

    # Two hours later (moved back rather than waiting): the scheduler publishes it.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    assert ServicePage.objects.get(pk=service.pk).summary == "Novità in arrivo."


def test_editors_see_the_revisions(client, service, editor, provider_staff):
    client.force_login(provider_staff)
    data = edit_form_data(client, service, summary="Bozza del fornitore.")
    client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)  # save draft
    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=[service.pk]))
    assert history.status_code == 200
    revisions = Page.objects.get(pk=service.pk).revisions.order_by("created_at")
    assert revisions.count() >= 2
    latest = revisions.last()
    assert latest.user == provider_staff
    assert latest.content["summary"] == "Bozza del fornitore."
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare",
                args=[service.pk, revisions.first().pk, latest.pk])
    )
    assert compare.status_code == 200
    assert "Bozza del fornitore." in compare.content.decode()
