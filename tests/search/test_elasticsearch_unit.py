"""The Elasticsearch engine without a server: mapping, request bodies, response parsing."""

from decimal import Decimal

import pytest
from elasticsearch import Elasticsearch

from search.engines import SearchUnavailable
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    ServiceFacetedSearch,
    index_body,
    parse_response,
)
from search.models import current_price_bands
from search.query import SearchQuery

from .dataset import make_documents

pytestmark = pytest.mark.django_db


def test_mapping_has_a_language_analyzer_per_locale_and_keyword_facets():
    mapping = ElasticsearchEngine("http://localhost:9200").new_index("t").to_dict()
    properties = mapping["mappings"]["properties"]
    analyzers = {
        name: properties[name]["properties"]["title"]["analyzer"]
        for name in ("words_it", "words_en", "words_es", "words_ar", "words_zh_hans")
    }
    assert analyzers == {
        "words_it": "italian",
        "words_en": "english",
        "words_es": "spanish",
        "words_ar": "arabic",
        "words_zh_hans": "cjk",
    }
    assert properties["facet_zone"] == {"type": "keyword"}
    assert properties["facet_need"] == {"type": "keyword"}
    assert properties["price_cents"] == {"type": "long"}
    assert properties["sort_title"] == {"type": "keyword"}


def test_request_body_is_disjunctive_with_terms_and_range_facets():
    query = SearchQuery(
        language="it",
        text="badante",
        filters={"zone": ("brera",), "need": ("pasti", "nido"), "price": ("0-10",)},
        sort="price",
        page=2,
    )
    client = Elasticsearch("http://localhost:9200")
    body = ServiceFacetedSearch(query, current_price_bands(), "wemi", client).to_dict()

    assert body["query"]["bool"]["filter"] == [{"term": {"language": "it"}}]
    (word,) = body["query"]["bool"]["must"]  # one clause per word
    stemmed, prefix = word["bool"]["should"]
    assert word["bool"]["minimum_should_match"] == 1
    assert stemmed["combined_fields"] == {
        "query": "badante",
        "fields": ["words_it.title^3", "words_it.summary^2", "words_it.topics^2", "words_it.body"],
        "operator": "and",
    }
    assert prefix == {"match_phrase": {"words_it.prefix": {"query": "badante"}}}
    assert "fuzziness" not in str(body)

    zone_filter = {"terms": {"facet_zone": ["brera", "*"]}}
    need_filter = {"terms": {"facet_need": ["pasti", "nido"]}}
    price_filter = {"range": {"price_cents": {"gte": 1, "lt": 1001}}}
    assert sorted(map(str, body["post_filter"]["bool"]["must"])) == sorted(
        map(str, [zone_filter, need_filter, price_filter])
    )
    zone_agg = body["aggs"]["_filter_zone"]
    assert zone_filter not in zone_agg["filter"]["bool"]["must"]
    assert need_filter in zone_agg["filter"]["bool"]["must"]
    assert zone_agg["aggs"]["zone"]["terms"]["field"] == "facet_zone"
    unfiltered = body["aggs"]["_filter_audience"]["filter"]["bool"]["must"]
    assert len(unfiltered) == 3
    ranges = body["aggs"]["_filter_price"]["aggs"]["price"]["range"]["ranges"]
    assert ranges == [
        {"key": "free", "to": 1},
        {"key": "0-10", "from": 1, "to": 1001},
        {"key": "10-20", "from": 1001, "to": 2001},
        {"key": "20-35", "from": 2001, "to": 3501},
        {"key": "35-", "from": 3501},
    ]
    price_sort = body["sort"][0]["_script"]
    assert price_sort["type"] == "number" and price_sort["order"] == "asc"
    assert price_sort["script"]["params"] == {"points": 10000}  # anonymous: full prices
    assert body["sort"][1:] == ["sort_title", "page_id"]
    assert body["from"] == 20 and body["size"] == 20
    assert body["track_total_hits"] is True


def test_document_body_carries_words_in_the_locale_field_and_facet_terms():
    document = make_documents(count=1)[0]
    body = index_body(document)
    assert body["words_it"]["title"] == document.title
    assert body["facet_zone"] == document.zone_terms
    if document.price_from is not None:
        assert body["price_cents"] == int(document.price_from * 100)
    tariff, _unit, market, _unit = document.price_parts()
    assert body.get("tariff_cents") == (None if tariff is None else int(tariff * 100))
    assert body.get("market_cents") == (None if market is None else int(market * 100))


def test_price_sort_uses_the_household_share_in_basis_points():
    """A household paying 30 % of tariffs: the script computes its price with 3000 points."""
    query = SearchQuery(language="it", sort="price", price_share=Decimal("33.33"))
    client = Elasticsearch("http://localhost:9200")
    body = ServiceFacetedSearch(query, current_price_bands(), "wemi", client).to_dict()
    script = body["sort"][0]["_script"]["script"]
    assert script["params"] == {"points": 3333}
    assert "+ 5000L) / 10000L" in script["source"]


REALISTIC_RESPONSE = {
    "took": 4,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 2, "relation": "eq"},
        "max_score": 3.2,
        "hits": [
            {
                "_index": "wemi-services-20261123",
                "_id": "41",
                "_score": 3.2,
                "_source": {
                    "page_id": 41,
                    "translation_key": "6f1c0a52-7a51-4bb5-9d1f-0d8d2c7f1a10",
                    "language": "it",
                    "title": "Badante a ore",
                    "summary": "Assistenza a casa",
                    "url": "/it/enti/aurora/badante/",
                    "provider_title": "Cooperativa Aurora",
                    "zones": ["brera"],
                    "serves_whole_city": False,
                    "audiences": ["anziani"],
                    "price_from": "12.50",
                    "price_unit": "hour",
                },
            },
            {
                "_index": "wemi-services-20261123",
                "_id": "42",
                "_score": 1.1,
                "_source": {
                    "page_id": 42,
                    "translation_key": "0b7e1f0e-1b53-4d7a-8f55-3d1f5a1d2c33",
                    "language": "it",
                    "title": "Pasti per tutta la città",
                    "url": "/it/enti/beta/pasti/",
                    "zones": [],
                    "serves_whole_city": True,
                    "audiences": [],
                },
            },
        ],
    },
    "aggregations": {
        "_filter_zone": {
            "doc_count": 2,
            "zone": {
                "doc_count_error_upper_bound": 0,
                "sum_other_doc_count": 0,
                "buckets": [
                    {"key": "brera", "doc_count": 1},
                    {"key": "municipio-1", "doc_count": 1},
                    {"key": "*", "doc_count": 1},
                ],
            },
        },
        "_filter_need": {"doc_count": 2, "need": {"buckets": [{"key": "pasti", "doc_count": 1}]}},
        "_filter_price": {
            "doc_count": 2,
            "price": {
                "buckets": [
                    {"key": "free", "to": 1.0, "doc_count": 0},
                    {"key": "10-20", "from": 1001.0, "to": 2001.0, "doc_count": 1},
                ]
            },
        },
    },
}


def test_parsing_a_realistic_response():
    query = SearchQuery(language="it", text="badante")
    result = parse_response(REALISTIC_RESPONSE, query, current_price_bands())
    assert result.total == 2
    first, second = result.hits
    assert (first.page_id, first.title, first.price_from) == (41, "Badante a ore", Decimal("12.50"))
    assert second.serves_whole_city and second.price_from is None
    assert result.count("zone", "brera") == 2  # its own service + the whole-city one
    assert result.count("zone", "municipio-9") == 1  # only the whole-city one
    assert result.count("need", "pasti") == 1
    assert result.count("price", "10-20") == 1
    assert result.count("audience", "anziani") == 0


def test_an_unreachable_cluster_raises_search_unavailable():
    engine = ElasticsearchEngine("http://127.0.0.1:9")
    with pytest.raises(SearchUnavailable):
        engine.search(SearchQuery(language="it"), current_price_bands())
    with pytest.raises(SearchUnavailable):
        ElasticsearchEngine("").search(SearchQuery(language="it"), current_price_bands())


def test_each_word_is_required_once_in_any_field_without_its_article_or_stop_words():
    query = SearchQuery(language="it", text="servizi per l'anziano all’assistenza")
    client = Elasticsearch("http://localhost:9200")
    body = ServiceFacetedSearch(query, current_price_bands(), "wemi", client).to_dict()
    words = [
        clause["bool"]["should"][0]["combined_fields"]["query"]
        for clause in body["query"]["bool"]["must"]
    ]
    assert words == ["servizi", "anziano", "assistenza"]


def test_a_search_of_punctuation_only_matches_nothing():
    query = SearchQuery(language="it", text="- :")
    client = Elasticsearch("http://localhost:9200")
    body = ServiceFacetedSearch(query, current_price_bands(), "wemi", client).to_dict()
    assert body["query"]["bool"]["must"] == [{"match_none": {}}]


def test_the_prefix_field_gets_every_word_field_and_folds_like_the_database():
    mapping = ElasticsearchEngine("http://localhost:9200").new_index("t").to_dict()
    words = mapping["mappings"]["properties"]["words_zh_hans"]["properties"]
    for name in ("title", "summary", "body", "topics"):
        assert words[name]["copy_to"] == "words_zh_hans.prefix"
    assert words["prefix"]["analyzer"] == "wemi_prefix_index"
    assert words["prefix"]["search_analyzer"] == "wemi_prefix_search"
    analysis = mapping["settings"]["analysis"]
    index_filters = analysis["analyzer"]["wemi_prefix_index"]["filter"]
    assert index_filters[-1] == "wemi_edge"
    assert analysis["analyzer"]["wemi_prefix_search"]["filter"] == index_filters[:-1]
    assert {"lowercase", "asciifolding", "arabic_normalization"} <= set(index_filters)
    assert "dell" in analysis["filter"]["wemi_elision"]["articles"]
    assert mapping["settings"]["max_result_window"] == 10000


def test_the_0_18_catalogue_request_body_mapping_and_counts():
    """Ages and activities are keyword facets; an age filter accepts the services that state
    no ages (``*``), whose count goes to every age."""
    mapping = ElasticsearchEngine("http://localhost:9200").new_index("t").to_dict()
    properties = mapping["mappings"]["properties"]
    for facet in ("catalogue", "activity", "age"):
        assert properties[f"facet_{facet}"] == {"type": "keyword"}
    query = SearchQuery(
        language="it",
        filters={"catalogue": ("0-18",), "age": ("8",), "activity": ("sport",)},
    )
    client = Elasticsearch("http://localhost:9200")
    body = ServiceFacetedSearch(query, current_price_bands(), "wemi", client).to_dict()
    age_filter = {"terms": {"facet_age": ["8", "*"]}}
    assert sorted(map(str, body["post_filter"]["bool"]["must"])) == sorted(
        map(
            str,
            [
                {"terms": {"facet_catalogue": ["0-18"]}},
                age_filter,
                {"terms": {"facet_activity": ["sport"]}},
            ],
        )
    )
    assert age_filter not in body["aggs"]["_filter_age"]["filter"]["bool"]["must"]
    response = {
        "hits": {"total": {"value": 3}, "hits": []},
        "aggregations": {
            "_filter_age": {"age": {"buckets": [
                {"key": "8", "doc_count": 2}, {"key": "*", "doc_count": 1},
            ]}},
            "_filter_activity": {"activity": {"buckets": [{"key": "sport", "doc_count": 3}]}},
        },
    }
    result = parse_response(response, query, current_price_bands())
    assert result.count("age", "8") == 3
    assert result.count("age", "12") == 1  # only the service for any age
    assert result.count("activity", "sport") == 3
    document = make_documents(count=1)[0]
    assert index_body(document)["facet_age"] == document.facet_values()["age"]
