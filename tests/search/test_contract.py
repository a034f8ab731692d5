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
            # One or two words: two may sit in different fields (title and summary).
            text=" ".join(rng.sample(WORDS, rng.randint(1, 2))) if rng.random() < 0.45 else "",
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


# Words as people type them, in every language (docs/decisions/0017): every word must be in
# the document but may sit in any field; each word matches as a stem or as the beginning of a
# word ("bada" finds "badante"); no fuzziness ("casa" does not find "cassa"); elided
# articles, English clitics and the Arabic definite article do not count; stop words are
# dropped; one Chinese character finds every word holding it. Each case: documents as
# (title, summary), then {search: indexes of the documents found}.
WORD_CASES = {
    "it": (
        [
            ("servizio001 piscina", "Un servizio di musica a Milano."),
            ("Compagnia per l'anziano solo", "Visite a casa."),
            ("Aiuto all’assistenza domiciliare", "Badante a ore."),
            ("Cassa comune", "Posti letto per la notte."),
        ],
        {
            "piscina musica": [0],
            "musica piscina": [0],
            "piscina lettura": [],
            "pisc mus": [0],
            "dell'anziano": [1],
            "l’anziano": [1],
            "all'assistenza": [2],
            "all’assistenza": [2],
            "assistenza": [2],
            "bada": [2],
            "badanti": [2],
            "servizi per gli anziani": [],
            "compagnia per l'anziano": [1],
            "casa": [1],
            "pasti": [],
            "posti": [3],
        },
    ),
    "en": (
        [
            ("Swimming pool", "Music lessons in Milan."),
            ("Children's home help", "Visits at home."),
            ("Home care assistance", "Carers by the hour."),
        ],
        {
            "pool music": [0],
            "the pool": [0],
            "pool carers": [],
            "swim mus": [0],
            "children": [1],
            "children's": [1],
            "children’s help": [1],
            "assist": [2],
            "carer": [2],
            "home": [1, 2],
            "homes": [1, 2],
        },
    ),
    "es": (
        [
            ("Piscina municipal", "Clases de música en Milán."),
            ("Cuidado de personas mayores", "Visitas a domicilio."),
            ("Ayuda a domicilio", "Cuidadoras por horas."),
        ],
        {
            "piscina musica": [0],
            "piscina música": [0],
            "pisc mus": [0],
            "cuidado del mayor": [1],
            "cuidadoras": [2],
            "domi": [1, 2],
            "piscina domicilio": [],
        },
    ),
    "ar": (
        [
            ("مسبح المدينة", "دروس الموسيقى في ميلانو"),
            ("رعاية المسنين", "زيارات منزلية"),
            ("مساعدة منزلية للأطفال", "جليسة أطفال"),
        ],
        {
            "مسبح موسيقى": [0],
            "الموسيقى": [0],
            "المسنين": [1],
            "مسنين": [1],
            "مسن": [1],
            "أطفال": [2],
            "الأطفال": [2],
            "منزلية": [1, 2],
            "مسبح منزلية": [],
        },
    ),
    "zh-hans": (
        [
            ("家政服务", "米兰的音乐课"),
            ("游泳池", "每周开放"),
            ("老人护理", "上门服务"),
        ],
        {
            "家": [0],
            "家政": [0],
            "服务": [0, 2],
            "游泳 开放": [1],
            "音乐": [0],
            "护": [2],
            "游泳 服务": [],
        },
    ),
}


@pytest.mark.parametrize("language", sorted(WORD_CASES))
def test_words_as_typed_in_every_language(engine, language):
    pages, searches = WORD_CASES[language]
    base = make_documents(seed=31, count=len(pages), languages=("it",))
    documents = [
        replace(
            document,
            language=language,
            title=title,
            summary=summary,
            body="",
            provider_title="",
            topics="",
        )
        for document, (title, summary) in zip(base, pages, strict=True)
    ]
    engine.rebuild(documents)
    bands = current_price_bands()
    found = {}
    for text in searches:
        result = engine.search(SearchQuery(language=language, text=text, per_page=50), bands)
        found[text] = sorted(documents.index(by_id) for by_id in _documents_of(result, documents))
        assert result.total == len(found[text]), text
    assert found == {text: sorted(indexes) for text, indexes in searches.items()}


def _documents_of(result, documents):
    by_id = {document.page_id: document for document in documents}
    return [by_id[hit.page_id] for hit in result.hits]


def test_words_split_between_title_and_summary_find_the_service(engine):
    """Issue 20's case: one word in the title, the other in the summary."""
    (document,) = make_documents(seed=41, count=1, languages=("it",))
    document = replace(
        document, title="servizio001 piscina", summary="Un servizio di musica a Milano."
    )
    engine.rebuild([document])
    query = SearchQuery(language="it", text="piscina musica")
    assert engine.search(query, current_price_bands()).total == 1


def test_the_0_18_catalogue_by_child_age_and_activity(engine):
    """Every child's age, alone and with the catalogue and an activity kind: the hits are
    those ``age_matches`` accepts, and the age and activity counts are the brute-force ones."""
    documents = make_documents(seed=23, count=90)
    engine.rebuild(documents)
    bands = current_price_bands()
    assert any(d.in_catalogue_0_18 for d in documents)
    assert any(d.age_from is None and d.age_to is None for d in documents)  # "any age"
    assert any((d.age_from or 0) >= 18 for d in documents)  # adults only
    checked = 0
    for age in range(18):
        for filters in (
            {"age": (str(age),)},
            {"catalogue": ("0-18",), "age": (str(age),)},
            {"catalogue": ("0-18",), "age": (str(age),), "activity": ("sport", "culture")},
        ):
            query = SearchQuery(language="it", filters=filters, per_page=200)
            checked += assert_brute_force_result(engine, documents, query, bands)
    # Two children: services for either of them.
    query = SearchQuery(language="it", filters={"age": ("2", "15")}, per_page=200)
    checked += assert_brute_force_result(engine, documents, query, bands)
    assert checked > 1000


def test_a_service_stating_no_ages_is_found_at_every_age_one_for_adults_at_none(engine):
    base, adults = make_documents(seed=29, count=2, languages=("it",))
    open_ages = replace(base, age_from=None, age_to=None, activity_kind="", in_catalogue_0_18=False)
    adults = replace(adults, age_from=65, age_to=None, activity_kind="", in_catalogue_0_18=False)
    engine.rebuild([open_ages, adults])
    bands = current_price_bands()
    for age in ("0", "9", "17"):
        result = engine.search(SearchQuery(language="it", filters={"age": (age,)}), bands)
        assert [hit.page_id for hit in result.hits] == [open_ages.page_id]
        assert result.count("age", age) == 1
