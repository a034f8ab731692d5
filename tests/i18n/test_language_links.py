"""Links between languages never lead to a 404: aliases follow their original's slug and place,
the switcher and hreflang list only languages with a live page, aliases name their original as
canonical, and the sitemap lists every language on the request's host."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.actions.move_page import MovePageAction
from wagtail.models import Page, PageViewRestriction

from content import factories
from content.core.alias_paths import align_all_aliases
from content.core.languages import synchronise_language_trees

from .test_language_switching import switcher_links, tag

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
OTHER_LANGUAGES = LANGUAGE_CODES[1:]
HOST = "welfare.comune.example"


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def canonical(html):
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    assert len(found) <= 1, found
    return found[0] if found else None


def aliases_of(page):
    return {
        alias.locale.language_code: alias
        for alias in Page.objects.filter(alias_of=page).select_related("locale")
    }


# Aliases follow their original ----------------------------------------------------------------


def test_a_slug_change_reaches_every_alias_and_the_old_urls_redirect(
    client, synced_site, locales, django_capture_on_commit_callbacks
):
    service = synced_site
    old_urls = {code: alias.url for code, alias in aliases_of(service).items()}
    assert set(old_urls) == set(OTHER_LANGUAGES)
    with django_capture_on_commit_callbacks(execute=True):
        service.slug = "badante-a-ore-milano"
        service.save_revision().publish()
    for code, alias in aliases_of(service).items():
        assert alias.slug == "badante-a-ore-milano", code
        new_url = old_urls[code].replace("/badante-a-ore/", "/badante-a-ore-milano/")
        assert alias.url == new_url
        response = client.get(new_url)
        assert response.status_code == 200, (code, new_url)
        assert f'lang="{tag(code)}"' in response.content.decode()
        # Wagtail's redirects app is installed: the old address redirects to the new one.
        old = client.get(old_urls[code])
        assert old.status_code == 301, (code, old_urls[code])
        assert old["Location"].endswith(new_url)
    service.refresh_from_db()
    assert client.get(service.url).status_code == 200


def test_a_slug_change_leaves_a_real_translation_its_own_slug(
    client, english_service, locales, django_capture_on_commit_callbacks
):
    source = english_service.get_translation(locales["it"])
    with django_capture_on_commit_callbacks(execute=True):
        source.slug = "badante-a-ore-milano"
        source.save_revision().publish()
    english_service.refresh_from_db()
    assert english_service.slug == "hourly-care-worker"
    assert client.get(english_service.url).status_code == 200
    spanish = source.get_translation(locales["es"])
    assert spanish.alias_of_id == source.pk and spanish.slug == "badante-a-ore-milano"
    assert client.get(spanish.url).status_code == 200


def test_an_alias_takes_a_free_variant_when_a_sibling_has_the_slug(synced_site, locales):
    service = synced_site
    spanish_provider = service.get_parent().get_translation(locales["es"])
    factories.make_guide("Badante notturna", parent=spanish_provider, slug="badante-notturna")
    service.slug = "badante-notturna"
    service.save_revision().publish()
    assert aliases_of(service)["es"].slug == "badante-notturna-1"
    assert aliases_of(service)["en"].slug == "badante-notturna"


def test_a_moved_page_takes_its_aliases_to_the_new_parent(client, synced_site, taxonomy, locales):
    service = synced_site
    other = factories.make_provider("Cooperativa Arcobaleno", municipio=taxonomy["zones"][1])
    synchronise_language_trees()
    MovePageAction(service, other, pos="last-child").execute(skip_permission_checks=True)
    service.refresh_from_db()
    assert service.url.startswith(other.url)
    for code, alias in aliases_of(service).items():
        assert alias.get_parent().translation_key == other.translation_key, code
        assert alias.get_parent().locale_id == locales[code].pk
        assert client.get(alias.url).status_code == 200, (code, alias.url)


def test_align_all_aliases_repairs_aliases_left_behind(synced_site):
    service = synced_site
    # As before this fix: the original renamed, its aliases kept the old slug.
    Page.objects.filter(pk=service.pk).update(slug="nuovo-nome")
    Page.objects.get(pk=service.pk).save(clean=False)  # url_path follows the slug
    assert {alias.slug for alias in aliases_of(service).values()} == {"badante-a-ore"}
    assert align_all_aliases() == len(OTHER_LANGUAGES)
    assert {alias.slug for alias in aliases_of(service).values()} == {"nuovo-nome"}
    assert align_all_aliases() == 0


# Switcher and hreflang: only languages with a live page ---------------------------------------


def test_a_page_only_in_english_offers_no_other_language(client, synced_site, locales):
    english_home = Page.objects.get(depth=2, locale=locales["en"])
    page = factories.make_guide("Help in English", parent=english_home, slug="help-in-english")
    assert Page.objects.filter(translation_key=page.translation_key).count() == 1
    html = client.get(page.url).content.decode()
    assert set(switcher_links(html)) == {"en"}
    assert alternates(html) == {"en": f"http://testserver{page.url}"}
    assert canonical(html) == f"http://testserver{page.url}"


def test_every_switcher_and_hreflang_link_answers(client, english_service, locales):
    source = english_service.get_translation(locales["it"])
    # The Arabic alias is taken down: Arabic is no longer offered.
    arabic = source.get_translation(locales["ar"])
    Page.objects.filter(pk=arabic.pk).update(live=False)
    for page in (source, english_service, source.get_translation(locales["es"])):
        html = client.get(page.url).content.decode()
        links = switcher_links(html)
        assert set(links) == {"it", "en", "zh-Hans", "es"}
        for href, _attributes in links.values():
            assert client.get(href).status_code == 200, href
        assert set(alternates(html)) == {"it", "en", "x-default"}
        for href in alternates(html).values():
            assert client.get(href.removeprefix("http://testserver")).status_code == 200


def test_hreflang_leaves_out_a_restricted_translation(client, english_service, locales):
    # A restriction on one language reaches every other (content/core/restrictions.py); one
    # made behind the signals' back (bulk_create) stands for data from before that rule.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=english_service, restriction_type="login")]
    )
    source = english_service.get_translation(locales["it"])
    html = client.get(source.url).content.decode()
    assert set(alternates(html)) == {"it", "x-default"}
    assert "en" in {code for code in switcher_links(html)}  # it answers the login page, not 404


def test_counterparts_are_looked_up_once_per_request(client, english_service, locales):
    source = english_service.get_translation(locales["it"])
    client.get(source.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(source.url)
    lookups = [
        query["sql"]
        for query in queries
        if '"wagtailcore_page"."translation_key" =' in query["sql"]
        and '"wagtailcore_page"."live"' in query["sql"]
    ]
    assert len(lookups) == 1, lookups


# Canonical ------------------------------------------------------------------------------------


def test_aliases_name_their_italian_original_as_canonical(client, english_service, locales):
    source = english_service.get_translation(locales["it"])
    original = f"http://{HOST}{source.url}"
    for code in ("ar", "zh-hans", "es"):
        alias = source.get_translation(locales[code])
        assert alias.alias_of_id == source.pk
        html = client.get(alias.url, HTTP_HOST=HOST).content.decode()
        assert canonical(html) == original, code
    assert canonical(client.get(source.url, HTTP_HOST=HOST).content.decode()) == original
    english = client.get(english_service.url, HTTP_HOST=HOST).content.decode()
    assert canonical(english) == f"http://{HOST}{english_service.url}"


def test_a_routable_page_keeps_its_sub_path_in_the_canonical(client, synced_site, locales):
    index = factories.service_index()
    synchronise_language_trees()
    spanish = index.get_translation(locales["es"])
    response = client.get(f"{spanish.url}assistenza-domiciliare/?need=assistenza-alla-persona")
    assert response.status_code == 200
    html = response.content.decode()
    assert canonical(html) == f"http://testserver{index.url}assistenza-domiciliare/"


def test_other_views_have_no_canonical_and_no_alternates(client, home_page):
    html = client.get("/it/shop/basket/").content.decode()
    assert canonical(html) is None
    assert alternates(html) == {}
    assert set(switcher_links(html)) == {tag(code) for code in LANGUAGE_CODES}


# Sitemap --------------------------------------------------------------------------------------


def sitemap_locations(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)
    return [element.text for element in root.findall("s:url/s:loc", namespace)]


def test_sitemap_lists_every_language_on_the_request_host(client, english_service, locales):
    source = english_service.get_translation(locales["it"])
    locations = sitemap_locations(client, HOST)
    assert locations
    assert all(location.startswith(f"http://{HOST}/") for location in locations), locations
    assert f"http://{HOST}{source.url}" in locations
    assert f"http://{HOST}{english_service.url}" in locations
    # Aliases are not listed: they name the Italian page as canonical.
    for code in ("ar", "zh-hans", "es"):
        alias = source.get_translation(locales[code])
        assert f"http://{HOST}{alias.url}" not in locations
    assert "localhost" not in " ".join(locations)
    for location in locations:
        path = location.removeprefix(f"http://{HOST}")
        assert client.get(path, HTTP_HOST=HOST).status_code == 200, path


def test_sitemap_leaves_out_private_and_draft_pages(client, synced_site, locales):
    private = factories.make_guide("Area riservata", slug="area-riservata")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = factories.make_guide("Bozza", slug="bozza", publish=False)
    locations = sitemap_locations(client, "testserver")
    assert not any("/area-riservata/" in location or "/bozza/" in location
                   for location in locations)
    assert f"http://testserver{synced_site.url}" in locations
    assert draft.live is False


def test_a_page_moved_in_the_admin_takes_its_aliases_along(
    admin_client, synced_site, taxonomy, locales
):
    from django.urls import reverse

    service = synced_site
    other = factories.make_provider("Cooperativa Arcobaleno", municipio=taxonomy["zones"][1])
    synchronise_language_trees()
    response = admin_client.post(
        reverse("wagtailadmin_pages:move_confirm", args=(service.pk, other.pk))
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.get_parent().pk == other.pk
    for code, alias in aliases_of(service).items():
        assert alias.get_parent().specific.translation_key == other.translation_key, code
        assert alias.get_parent().locale_id == locales[code].pk
    # The tree is consistent (treebeard's numchild and paths).
    assert Page.find_problems() == ([], [], [], [], [])


def test_align_aliases_command(synced_site):
    from io import StringIO

    from django.core.management import call_command

    Page.objects.filter(pk=synced_site.pk).update(slug="nuovo-nome")
    Page.objects.get(pk=synced_site.pk).save(clean=False)
    out = StringIO()
    call_command("align_aliases", stdout=out)
    assert out.getvalue().strip() == f"{len(OTHER_LANGUAGES)} aliases renamed or moved."
