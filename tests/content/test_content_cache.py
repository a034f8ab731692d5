"""What pages show of the site as a whole is cached per publish: every change reaches the next
request (content/core/content_cache.py, content/core/routing.py)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction, Site

from content import factories
from content.core import content_cache
from content.feedback.models import FooterSettings

pytestmark = pytest.mark.django_db


def test_saving_a_page_or_setting_bumps_the_content_version(home_page):
    before = content_cache.content_version()
    guide = factories.make_guide("Guida nuova")
    after_page = content_cache.content_version()
    assert after_page > before
    guide.title = "Guida rinominata"
    guide.save_revision().publish()
    assert content_cache.content_version() > after_page


def test_a_published_menu_page_appears_in_the_menu_at_once(client, home_page):
    factories.service_index()
    assert client.get("/it/").status_code == 200  # menu cached
    guide = factories.make_guide("Come funziona WeMi")
    guide.show_in_menus = True
    guide.save_revision().publish()
    response = client.get("/it/")
    assert guide.url in response.content.decode()


def test_an_unpublished_or_moved_page_is_no_longer_served_at_its_old_address(
    client, home_page, service, provider, other_provider
):
    url = service.url
    assert client.get(url).status_code == 200  # route cached
    service.move(other_provider, pos="last-child")
    service.refresh_from_db()
    old = client.get(url)  # Wagtail's redirects send the old address to the new one
    assert old.status_code == 301 and old["Location"].endswith(service.url)
    assert client.get(service.url).status_code == 200
    service.unpublish()
    assert client.get(service.url).status_code == 404


def test_a_page_made_private_asks_for_a_login(client, home_page):
    guide = factories.make_guide("Guida riservata")
    assert client.get(guide.url).status_code == 200  # no private page: no restriction query
    restriction = PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Operatori"))
    assert client.get(guide.url).status_code == 302
    restriction.delete()
    assert client.get(guide.url).status_code == 200


def test_footer_settings_changes_show_on_the_next_page(client, home_page):
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    assert client.get("/it/").status_code == 200
    footer.contact_email = "nuovo-indirizzo@comune.milano.example"
    footer.save()
    assert "nuovo-indirizzo@comune.milano.example" in client.get("/it/").content.decode()


def test_locales_come_from_memory_and_follow_changes(home_page):
    Locale.objects.get_for_language("it")
    with CaptureQueriesContext(connection) as queries:
        assert Locale.get_active().language_code == "it"
        assert Locale.get_default().language_code == "it"
    assert len(queries) == 0
    before = content_cache.content_version()
    Locale.objects.get(language_code="it").save()
    assert content_cache.content_version() > before
