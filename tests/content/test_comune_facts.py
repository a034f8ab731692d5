"""Facts the Comune owns (accreditation) are read-only for provider staff in the admin."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.test.utils.form_data import querydict_from_html

from content.core.roles import may_set_comune_facts
from content.providers.models import ProviderPage
from content.services.models import ServicePage

pytestmark = pytest.mark.django_db


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["faq-count"] = "0"  # StreamField inputs are built by JavaScript.
    return html, data


def set_by_the_comune():
    """The note on a read-only fact, in the admin's language (Italian by default)."""
    with translation.override(settings.LANGUAGE_CODE):
        return escape(translation.gettext("Set by the Comune."))


def test_only_comune_editors_and_superusers_set_comune_facts(
    provider_staff, editor, django_user_model
):
    admin = django_user_model.objects.create_superuser(email="root@x.example", password="x")
    assert may_set_comune_facts(editor) and may_set_comune_facts(admin)
    assert not may_set_comune_facts(provider_staff)
    assert not may_set_comune_facts(None)


@pytest.mark.parametrize("accredited", [False, True])
def test_provider_staff_cannot_change_accredited_on_their_service(
    client, service, provider_staff, accredited
):
    service.accredited = accredited
    service.save_revision().publish()
    client.force_login(provider_staff)
    html, data = edit_form(client, service)
    assert 'name="accredited"' in html and set_by_the_comune() in html
    assert "disabled" in html.split('name="accredited"', 1)[1].split(">", 1)[0]
    if accredited:  # a hand-made post: untick it...
        data.pop("accredited", None)
    else:  # ...or tick it
        data["accredited"] = "on"
    data["summary"] = "Descrizione aggiornata dal fornitore."
    response = client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)
    assert response.status_code == 302
    draft = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    assert draft.summary == "Descrizione aggiornata dal fornitore."  # the words were saved
    assert draft.accredited is accredited  # the Comune's fact was not


def test_provider_staff_cannot_change_their_accreditation_number(
    client, provider, provider_staff
):
    provider = ProviderPage.objects.get(pk=provider.pk)
    provider.accreditation_number = "ACC-2024-001"
    provider.save_revision().publish()
    valid_until = provider.accredited_until
    client.force_login(provider_staff)
    html, data = edit_form(client, provider)
    data["accreditation_number"] = "FALSO-1"
    data["accredited_until"] = "2099-12-31"
    client.post(reverse("wagtailadmin_pages:edit", args=[provider.pk]), data)
    draft = ProviderPage.objects.get(pk=provider.pk).get_latest_revision_as_object()
    assert draft.accreditation_number == "ACC-2024-001"
    assert draft.accredited_until == valid_until


def test_comune_editor_sets_accredited(client, service, editor):
    client.force_login(editor)
    html, data = edit_form(client, service)
    assert set_by_the_comune() not in html
    data.pop("accredited", None)  # unticked
    client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)
    draft = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    assert draft.accredited is False
