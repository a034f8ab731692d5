"""The admin says what happened after a workflow action, in the editor's language."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from content.core.admin_views import WORKFLOW_ACTION_MESSAGES

from .test_moderation import submit_for_moderation, workflow_action

pytestmark = pytest.mark.django_db


def test_approving_a_page_confirms_it(client, service, provider_staff, editor):
    client.force_login(provider_staff)
    submit_for_moderation(client, service, "Descrizione da approvare.")
    service.refresh_from_db()
    client.force_login(editor)
    response = workflow_action(client, service, "approve", comment="")
    assert response.status_code == 302
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        expected = str(WORKFLOW_ACTION_MESSAGES["approve"]) % {"title": service.title}
    assert any(text.strip() == expected for text in texts), texts
    service.refresh_from_db()
    assert not service.workflow_in_progress


def test_the_submit_button_names_the_comune_not_the_workflow(client, service, provider_staff):
    client.force_login(provider_staff)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk]))
    html = response.content.decode()
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert escape(translation.gettext("Submit to the Comune for approval")) in html
    assert "Comune moderation" not in html.split('name="action-submit"')[0][-400:]
    assert "Submit to Comune moderation" not in html and "Invia a Comune moderation" not in html


def test_report_pages_show_no_shop_search_box(client, editor, service):
    client.force_login(editor)
    for name in ("wagtailadmin_reports:site_history", "wagtailadmin_reports:aging_pages"):
        html = client.get(reverse(name)).content.decode()
        assert 'name="sort_by"' not in html, name
