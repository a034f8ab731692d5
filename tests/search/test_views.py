"""The search page and the JSON API, including bad input and a constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from content import factories
from search.engines.database import DatabaseEngine

from .dataset import make_documents
from .fixtures import build_taxonomy, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(home_page, django_capture_on_commit_callbacks):
    taxonomy = build_taxonomy()
    provider = factories.make_provider("Cooperativa Aurora")
    with django_capture_on_commit_callbacks(execute=True):
        care = factories.make_service(
            provider,
            "Badante a ore",
            needs=[taxonomy["care"]],
            zones=[taxonomy["brera"]],
            audiences=[taxonomy["elderly"]],
            summary="Assistenza a casa per persone anziane.",
        )
        meals = factories.make_service(
            provider, "Pasti caldi", needs=[taxonomy["meals"]], serves_whole_city=True
        )
        make_offer(care, "12.50")
    return {"care": care, "meals": meals, **taxonomy}


def test_search_page_lists_hits_with_facet_counts(client, services):
    response = client.get("/it/cerca/", {"zone": "brera"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Badante a ore" in html and "Pasti caldi" in html  # whole city serves Brera
    assert "Cooperativa Aurora" in html
    assert "12,50" in html or "12.50" in html
    assert 'Assistenza domiciliare <span class="text-muted">(1)</span>' in html
    assert 'value="brera" selected' in html
    assert "Tutta la città" in html or "The whole city" in html


def test_filtering_by_need_and_price_band(client, services):
    response = client.get("/it/cerca/", {"need": "assistenza", "price": "10-20"})
    html = response.content.decode()
    assert "Badante a ore" in html and "Pasti caldi" not in html
    html = client.get("/it/cerca/", {"price": "free"}).content.decode()
    assert "Badante a ore" not in html
    assert 'class="callout note"' in html  # no results: help follows
    assert 'href="?" data-search-link' in html  # removing the only filter
    assert "?need=assistenza" in html and "?need=pasti" in html  # related needs


def test_partial_response_for_javascript(client, services):
    response = client.get("/it/cerca/", {"q": "badante"}, headers={"X-Requested-With": "fetch"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-panel"')
    assert "<html" not in html
    assert "X-Requested-With" in response["Vary"]


def test_api_returns_hits_and_facets_in_the_requested_language(client, services):
    response = client.get("/api/search/", {"lang": "it", "need": "assistenza"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    hit = body["hits"][0]
    assert hit["title"] == "Badante a ore"
    assert hit["price_from"] == "12.50"
    assert hit["zones"] == [{"slug": "brera", "name": "Brera"}]
    assert hit["url"].startswith("http://testserver/it/")
    needs = {option["value"]: option for option in body["facets"]["need"]}
    assert needs["assistenza"]["selected"] and needs["assistenza"]["count"] == 1
    assert needs["pasti"]["count"] == 1  # disjunctive: counted without the need filter


def test_oscar_search_url_redirects_to_the_site_search(client):
    response = client.get("/it/shop/search/", {"q": "pasti"})
    assert response.status_code == 302
    assert response["Location"] == "/it/cerca/?q=pasti"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"need": "does-not-exist"}, "does-not-exist"),
        ({"q": "assistenza " * 500}, "200"),
        ({"page": "abc"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"sort": "'; DROP TABLE"}, "sort"),
        ({"price": "0-999999"}, "0-999999"),
    ],
)
def test_bad_input_gives_a_page_with_a_message(client, services, params, message):
    with override_settings(LANGUAGE_CODE="en"):
        response = client.get("/en/cerca/", params)
    assert response.status_code == 200
    assert message in response.content.decode()
    api = client.get("/api/search/", {"lang": "en", **params})
    assert api.status_code == 200 and api.json()["messages"]


def test_thousands_of_parameters_are_refused(client, services):
    query = "&".join(f"need=n{number}" for number in range(2000))
    assert client.get(f"/it/cerca/?{query}").status_code == 400
    assert client.get(f"/api/search/?{query}").status_code == 400
    assert client.get("/api/search/", {"lang": "xx"}).status_code == 400


def test_a_page_past_the_end_shows_the_last_page(client, services):
    response = client.get("/api/search/", {"lang": "it", "page": "7"})
    assert response.status_code == 200
    assert response.json()["page"] == 1


@override_settings(SEARCH_ENGINE="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:9")
def test_an_unreachable_engine_gives_a_message_not_an_error(client, home_page):
    response = client.get("/it/cerca/", {"q": "pasti"})
    assert response.status_code == 503
    assert 'role="alert"' in response.content.decode()
    assert client.get("/api/search/", {"q": "pasti"}).status_code == 503


def test_query_count_does_not_depend_on_the_number_of_results(client, home_page):
    def queries_for(count):
        DatabaseEngine().rebuild(make_documents(seed=1, count=count, languages=("it",)))
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/it/cerca/", {"zone": "brera", "audience": "anziani"})
        assert response.status_code == 200
        return len(captured)

    # The first request makes the site's settings rows (a settings save changes the content
    # version); the next one caches what is kept once per publish (site root, locales, menu).
    client.get("/it/cerca/")
    queries_for(3)
    assert queries_for(3) == queries_for(80)


def test_header_has_a_labelled_search_box(client, home_page):
    html = client.get("/it/").content.decode()
    assert 'id="header-search-q"' in html and 'for="header-search-q"' in html


def test_cached_catalog_follows_taxonomy_changes(client, services):
    params = {"lang": "it", "need": "trasporto"}
    assert client.get("/api/search/", params).json()["messages"]  # unknown need, ignored
    factories.make_need("Trasporto", parent=services["category"], slug="trasporto")
    body = client.get("/api/search/", params).json()
    assert body["messages"] == [] and body["query"]["filters"] == {"need": ["trasporto"]}


@pytest.fixture
def priced_services(home_page, django_capture_on_commit_callbacks):
    """Issue 13's pair: an accredited service (tariff 18.50 €) and a 17 € market one."""
    from marketplace.defaults import ensure_all

    taxonomy = build_taxonomy()
    ensure_all()  # the Comune's ISEE bands
    provider = factories.make_provider("Cooperativa Aurora")
    with django_capture_on_commit_callbacks(execute=True):
        accredited = factories.make_service(
            provider, "Zeta assistenza accreditata", needs=[taxonomy["care"]]
        )
        market = factories.make_service(provider, "Alfa badante privata", needs=[taxonomy["care"]])
        make_offer(accredited, "18.50", pricing_kind="accredited")
        make_offer(market, "17.00", pricing_kind="market", unit="session")
    return {"accredited": accredited, "market": market}


def result_titles(html):
    """Titles of the hits, in the order shown."""
    return [
        part.split("</a>", 1)[0].split(">")[-1]
        for part in html.split('<h3 class="card-title h5">')[1:]
    ]


def test_anonymous_visitors_see_full_prices_labelled(client, priced_services):
    html = client.get("/it/cerca/", {"sort": "price"}).content.decode()
    assert result_titles(html) == ["Alfa badante privata", "Zeta assistenza accreditata"]
    assert "Prezzo pieno" in html or "Full price" in html
    note = html.split('id="search-price-note">', 1)[1].split("</p>", 1)[0]
    assert "?next=" in note
    assert "18,50" in html and "17,00" in html


def test_a_citizen_sees_and_sorts_by_the_price_they_pay(client, priced_services):
    from marketplace import factories as shop

    client.force_login(shop.make_citizen("maria@wemi.example", isee="12000"))
    html = client.get("/it/cerca/", {"sort": "price"}).content.decode()
    assert result_titles(html) == ["Zeta assistenza accreditata", "Alfa badante privata"]
    assert "5,55" in html  # 30 % of 18.50
    assert "12.000" in html and "30 %" in html  # why
    body = client.get("/api/search/", {"lang": "it", "sort": "price"}).json()
    assert [hit["your_price"] for hit in body["hits"]] == ["5.55", "17.00"]
    assert [hit["price_from"] for hit in body["hits"]] == ["18.50", "17.00"]


def test_a_citizen_without_isee_is_told_how_to_pay_less(client, priced_services):
    from marketplace import factories as shop

    client.force_login(shop.make_citizen("senza.isee@wemi.example"))
    html = client.get("/it/cerca/", {"sort": "price"}).content.decode()
    assert result_titles(html) == ["Alfa badante privata", "Zeta assistenza accreditata"]
    assert "/shop/isee/" in html


def test_a_word_with_an_elided_article_finds_what_the_bare_word_finds(client, services):
    """Issue 11: ``dell'anziano`` gave 0 results where ``anziano`` gave 92."""

    def total(text):
        return client.get("/api/search/", {"lang": "it", "q": text}).json()["total"]

    assert total("anziane") > 0 and total("assistenza") == 1
    for elided in ("dell'anziane", "dell’anziane", "l'anziane"):
        assert total(elided) == total("anziane"), elided
    for elided in ("all'assistenza", "all’assistenza", "dell'assistenza", "L’ASSISTENZA"):
        assert total(elided) == 1, elided
    html = client.get("/it/cerca/", {"q": "Dell’Assistenza"}).content.decode()
    assert "Badante a ore" in html and "Pasti caldi" not in html
