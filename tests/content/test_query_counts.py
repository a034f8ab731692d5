"""Queries per page type stay bounded and do not grow with the number of services."""

from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from content import factories
from content.core.languages import synchronise_language_trees
from content.core.translations import translate
from content.feedback.models import FooterSettings
from content.services.models import ServiceLanguage, ServicePage

pytestmark = pytest.mark.django_db

# Budgets include the header, footer, language switcher, offers and feedback widgets
# (issue 17: an anonymous visitor's cache miss is cheap too).
MAX_QUERIES = 20
MAX_QUERIES_SERVICE_PAGE = 15


def add_services(providers, taxonomy, count, start):
    """Live services without revisions: enough for the public pages, and fast."""
    for number in range(start, start + count):
        provider = providers[number % len(providers)]
        page = ServicePage(
            title=f"Servizio di prova {number}",
            slug=f"servizio-di-prova-{number}",
            summary="Un servizio di prova.",
            description="<p>Descrizione.</p>",
            audience_description="<p>Per tutti.</p>",
            how_to_access="<p>Telefona.</p>",
            accredited=bool(number % 2),
        )
        page.needs = [taxonomy["needs"][number % 2]]
        page.zones = [taxonomy["municipio"]]
        page.audiences = taxonomy["audiences"]
        page.languages.add(ServiceLanguage(code="it"))
        provider.add_child(instance=page)
        provider.refresh_from_db()


@pytest.fixture
def city(home_page, taxonomy, service, provider, other_provider):
    factories.service_index()
    space = factories.make_space("Spazio WeMi Conteggio", municipio=taxonomy["municipio"],
                                 opening_hours=[(0, time(9), time(13))])
    news = [factories.make_news(f"Notizia {n}") for n in range(4)]
    guide = factories.make_guide("Guida di prova", body=[("paragraph", "<p>Testo.</p>")])
    providers = [provider, other_provider]
    add_services(providers, taxonomy, 9, start=1)
    # The footer's settings exist, as on any site past its first request (creating them
    # counts as a change of content).
    FooterSettings.for_site(Site.objects.get(is_default_site=True))
    return {"space": space, "news": news[0], "guide": guide, "providers": providers}


def page_urls(city, service):
    index = factories.service_index()
    return {
        "home": "/it/",
        "service index": index.url,
        "need category": f"{index.url}assistenza-domiciliare/",
        "need filter": f"{index.url}assistenza-domiciliare/?need=assistenza-alla-persona",
        "service": service.url,
        "provider index": factories.provider_index().url,
        "provider": city["providers"][0].url,
        "space index": factories.space_index().url,
        "space": city["space"].url,
        "news index": factories.news_index().url,
        "news": city["news"].url,
        "guide": city["guide"].url,
        "search": "/it/cerca/?need=assistenza-alla-persona&zone=municipio-3",
    }


def count_queries(client, urls):
    # Warm the caches kept per publish (menus, routes, locales): what a visitor meets.
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_queries_per_page_type_are_bounded_and_flat(client, city, service, taxonomy):
    urls = page_urls(city, service)
    with_10 = count_queries(client, urls)
    add_services(city["providers"], taxonomy, 50, start=10)
    assert ServicePage.objects.live().count() == 60
    with_60 = count_queries(client, urls)
    print("\nqueries per page type (10 services -> 60 services):")
    for name in urls:
        print(f"  {name:<15} {with_10[name]:>3} -> {with_60[name]:>3}")
    assert with_60 == with_10
    assert with_60.pop("service") <= MAX_QUERIES_SERVICE_PAGE
    assert max(with_60.values()) <= MAX_QUERIES


def test_service_page_query_budget(client, city, service, django_assert_max_num_queries):
    client.get(service.url)
    with django_assert_max_num_queries(MAX_QUERIES_SERVICE_PAGE):
        assert client.get(service.url).status_code == 200


def test_service_page_in_other_languages_keeps_the_budget(client, city, service):
    """An Arabic translation and an English alias (the Italian words, with a notice) of the
    service page: the same budget as the Italian page."""
    synchronise_language_trees()
    arabic = Locale.objects.get(language_code="ar")
    result = translate(service, arabic, lambda text: f"نص {text}", extra={"slug": "badante-ar"})
    assert result.complete, result.missing
    english_alias = service.get_translation(Locale.objects.get(language_code="en"))
    assert english_alias.alias_of_id == service.pk
    counts = count_queries(
        client, {"service (ar)": result.instance.url, "service (en alias)": english_alias.url}
    )
    print(f"\nqueries: {counts}")
    assert max(counts.values()) <= MAX_QUERIES_SERVICE_PAGE
