"""The footer's links come from FooterSettings; 404 pages speak the address's language."""

import pytest
from wagtail.models import Locale

from content import factories
from content.core.languages import synchronise_language_trees
from content.feedback.models import FooterSettings

pytestmark = pytest.mark.django_db


def test_footer_links_editor_chosen_pages_in_the_reader_language(client, home_page):
    privacy = factories.make_guide("Informativa privacy", slug="privacy")
    legal = factories.make_guide("Note legali", slug="note-legali")
    legal.unpublish()
    footer = FooterSettings.for_site(home_page.get_site())
    footer.privacy_page = privacy
    footer.legal_notes_page = legal
    footer.accessibility_statement_url = "https://form.agid.gov.it/view/esempio"
    footer.contact_email = "wemi@comune.milano.example"
    footer.save()
    synchronise_language_trees()
    english_privacy = privacy.get_translation(Locale.objects.get(language_code="en"))

    html = client.get("/en/").content.decode()
    footer_html = html[html.index("<footer"):]
    assert f'href="{english_privacy.url}" data-element="privacy-policy-link"' in footer_html
    assert 'href="https://form.agid.gov.it/view/esempio" data-element="accessibility-link"' in (
        footer_html
    )
    assert 'data-element="legal-notes"' not in footer_html  # unpublished: left out
    assert 'data-element="faq"' not in footer_html  # not chosen: left out
    assert 'href="/en/segnala/" data-element="report-inefficiency"' in footer_html
    assert "mailto:wemi@comune.milano.example" in footer_html


def test_404_page_is_in_the_language_of_the_address(client, home_page):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert '<html lang="es"' in response.content.decode()
