"""Contract suite: every engine gives the brute-force hits and disjunctive facet counts."""

import random
from dataclasses import replace
from decimal import Decimal

import pytest

from search.documents import normalize_text
from search.models import current_price_bands
from search.query import FACETS, SearchQuery

from .dataset import (
    UNIVERSE,
    WORDS,
    brute_force,
    household_price,
    make_documents,
    value_matches,
)

pytestmark = pytest.mark.django_db


def random_queries(seed, bands, count=40):
    rng = random.Random(seed)
    universe = {**UNIVERSE, "price": [band.key for band in bands]}
    for _number in range(count):
        facets = rng.sample(FACETS, rng.randint(0, 3))
        filters = {
            facet: tuple(rng.sample(universe[facet], min(len(universe[facet]), rng.randint(1, 2))))
            for facet in facets
        }
        yield SearchQuery(
            language=rng.choice(["it", "en"]),
            text=rng.choice(WORDS) if rng.random() < 0.35 else "",
            filters=filters,
            sort=rng.choice(["relevance", "price", "name"]),
            per_page=200,
        )


def expected_count(documents, query, bands, facet, value):
    base = brute_force(documents, query, bands, without=facet)
    return sum(1 for document in base if value_matches(document, facet, value, bands))


def assert_brute_force_result(engine, documents, query, bands):
    """The engine's hits and every facet value's count are the brute-force ones."""
    universe = {**UNIVERSE, "price": [band.key for band in bands]}
    result = engine.search(query, bands)
    expected = brute_force(documents, query, bands)
    assert result.total == len(expected), query
    assert {hit.page_id for hit in result.hits} == {d.page_id for d in expected}, query
    checked = 0
    for facet in FACETS:
        for value in universe[facet]:
            assert result.count(facet, value) == expected_count(
                documents, query, bands, facet, value
            ), (query, facet, value)
            checked += 1
    return checked


def test_hits_and_facet_counts_match_brute_force(engine):
    documents = make_documents()
    engine.rebuild(documents)
    bands = current_price_bands()
    checked = 0
    for query in random_queries(seed=11, bands=bands):
        checked += assert_brute_force_result(engine, documents, query, bands)
    assert checked > 1000


def test_values_no_service_carries_filter_like_any_other(engine):
    """A zone nobody serves still finds the whole-city services; an unknown provider nothing."""
    documents = make_documents(seed=17)
    engine.rebuild(documents)
    bands = current_price_bands()
    for filters in (
        {"zone": ("nowhere",)},
        {"zone": ("nowhere",), "audience": ("anziani",), "price": ("0-10",)},
        {"provider": ("coop-nessuna",), "mode": ("home",)},
        {"provider": ("coop-nessuna", "coop-alfa"), "zone": ("brera", "nowhere")},
    ):
        query = SearchQuery(language="it", filters=filters, per_page=200)
        assert assert_brute_force_result(engine, documents, query, bands)


def test_sorting_by_price_and_name(engine):
    documents = make_documents(seed=3)
    engine.rebuild(documents)
    bands = current_price_bands()
    query = SearchQuery(language="it", sort="price", per_page=200)
    by_price = engine.search(query, bands).hits
    prices = [hit.price_from for hit in by_price]
    priced = [price for price in prices if price is not None]
    assert priced == sorted(priced)
    assert prices[len(priced) :] == [None] * (len(prices) - len(priced))
    by_name = engine.search(replace(query, sort="name"), bands).hits
    titles = [hit.title for hit in by_name]
    assert titles == sorted(titles)


def test_pages_split_the_results_without_overlap(engine):
    documents = make_documents(seed=5)
    engine.rebuild(documents)
    bands = current_price_bands()
    first = engine.search(SearchQuery(language="it", sort="name", per_page=10), bands)
    second = engine.search(SearchQuery(language="it", sort="name", per_page=10, page=2), bands)
    assert first.total == second.total == len([d for d in documents if d.language == "it"])
    assert len(first.hits) == 10
    assert not {h.page_id for h in first.hits} & {h.page_id for h in second.hits}


def test_replace_updates_only_the_given_services(engine):
    documents = make_documents(seed=9, count=10)
    engine.rebuild(documents)
    bands = current_price_bands()
    changed = replace(
        documents[0],
        title="servizio-nuovo piscina",
        summary="",
        price_from=None,
        tariff_from=None,
        market_from=None,
    )
    engine.replace([documents[0].translation_key, documents[1].translation_key], [changed])
    hits = engine.search(SearchQuery(language=changed.language, per_page=50), bands).hits
    ids = {hit.page_id for hit in hits}
    assert changed.page_id in ids and documents[1].page_id not in ids
    assert documents[2].page_id in ids or documents[2].language != changed.language
    assert [h.title for h in hits if h.page_id == changed.page_id] == ["servizio-nuovo piscina"]


def test_relevance_puts_title_matches_first(engine):
    in_body, in_title = make_documents(seed=13, count=2, languages=("it",))
    in_body = replace(in_body, title="servizio001 lettura", summary="", body="corso di piscina")
    in_title = replace(in_title, title="servizio002 piscina", summary="", body="corso")
    engine.rebuild([in_body, in_title])
    query = SearchQuery(language="it", text="piscina", sort="relevance")
    hits = engine.search(query, current_price_bands()).hits
    assert [hit.page_id for hit in hits] == [in_title.page_id, in_body.page_id]


@pytest.mark.parametrize("share", ["0", "30", "33.33", "55.5", "100"])
def test_sorting_by_price_sorts_by_what_the_household_pays(engine, share):
    """Issue 13: an accredited service costing this household 5.55 € comes before a 17 € market
    one. Every engine orders by the rules function's price for the household's share."""
    share = Decimal(share)
    documents = make_documents(seed=21, count=60, languages=("it",))
    accredited = replace(
        documents[0], tariff_from=Decimal("18.50"), market_from=None, price_from=Decimal("18.50")
    )
    market = replace(
        documents[1], tariff_from=None, market_from=Decimal("17.00"), price_from=Decimal("17.00")
    )
    documents = [accredited, market, *documents[2:]]
    engine.rebuild(documents)
    query = SearchQuery(language="it", sort="price", per_page=200, price_share=share)
    hits = engine.search(query, current_price_bands()).hits
    shown = [hit.price_for_share(share)[0] for hit in hits]
    by_id = {document.page_id: document for document in documents}
    assert shown == [household_price(by_id[hit.page_id], share) for hit in hits]
    expected = sorted(
        documents,
        key=lambda d: (
            household_price(d, share) is None,
            household_price(d, share) or 0,
            normalize_text(d.title),
            d.page_id,
        ),
    )
    assert [hit.page_id for hit in hits] == [document.page_id for document in expected]
    order = [hit.page_id for hit in hits]
    if share <= Decimal("30"):
        assert order.index(accredited.page_id) < order.index(market.page_id)
    if share == Decimal("100"):
        assert order.index(market.page_id) < order.index(accredited.page_id)
