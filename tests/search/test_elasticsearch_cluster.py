"""The Elasticsearch engine against a fake cluster behind the real client (``fake_cluster``):
connection settings, retries, bulk errors, stale documents, orphan indices, deletes by name."""

from dataclasses import replace

import pytest
from django.test import override_settings
from elasticsearch import Elasticsearch

from search.engines import SearchUnavailable
from search.engines.elasticsearch import (
    HIT_SOURCE,
    MAX_RESULT_WINDOW,
    ElasticsearchEngine,
    client_options,
    get_client,
)
from search.models import current_price_bands
from search.query import MAX_PAGE, PER_PAGE, SearchQuery

from .dataset import make_documents
from .fake_cluster import FakeCluster

pytestmark = pytest.mark.django_db

SECURED = {
    "ELASTICSEARCH_URL": "https://es1.comune.example:9200, https://es2.comune.example:9200",
    "ELASTICSEARCH_API_KEY": "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
    "ELASTICSEARCH_USERNAME": "",
    "ELASTICSEARCH_PASSWORD": "",
    "ELASTICSEARCH_CA_CERTS": "/etc/wemi/http_ca.crt",
    "ELASTICSEARCH_SSL_FINGERPRINT": "",
    "ELASTICSEARCH_VERIFY_CERTS": True,
    "ELASTICSEARCH_TIMEOUT": 4.0,
    "ELASTICSEARCH_INDEXING_TIMEOUT": 90.0,
}


@override_settings(**SECURED)
def test_secured_cluster_settings_come_from_the_environment():
    assert client_options() == {
        "hosts": ["https://es1.comune.example:9200", "https://es2.comune.example:9200"],
        "request_timeout": 4.0,
        "max_retries": 2,
        "retry_on_timeout": True,
        "retry_on_status": (429, 502, 503, 504),
        "api_key": SECURED["ELASTICSEARCH_API_KEY"],
        "ca_certs": "/etc/wemi/http_ca.crt",
    }


@override_settings(
    **{
        **SECURED,
        "ELASTICSEARCH_API_KEY": "",
        "ELASTICSEARCH_USERNAME": "wemi",
        "ELASTICSEARCH_PASSWORD": "s3cret",
        "ELASTICSEARCH_CA_CERTS": "",
        "ELASTICSEARCH_SSL_FINGERPRINT": "E8:76:75:3F:" + "00:" * 27 + "AB",
    }
)
def test_a_user_and_a_certificate_fingerprint_instead():
    options = client_options()
    assert options["basic_auth"] == ("wemi", "s3cret")
    assert options["ssl_assert_fingerprint"].startswith("E8:76:75:3F:")
    assert "api_key" not in options and "ca_certs" not in options
    client = Elasticsearch(**options)  # the installed client accepts every option
    assert len(client.transport.node_pool.all()) == 2
    assert all(node.scheme == "https" for node in client.transport.node_pool.all())


@override_settings(ELASTICSEARCH_VERIFY_CERTS=False, ELASTICSEARCH_API_KEY="")
def test_certificate_checks_can_be_turned_off_for_a_test_cluster():
    options = client_options("https://localhost:9200")
    assert options["verify_certs"] is False and options["hosts"] == ["https://localhost:9200"]


def test_one_client_per_process():
    first = ElasticsearchEngine("http://es.example:9200").client
    second = ElasticsearchEngine("http://es.example:9200").client
    assert first is second is get_client("http://es.example:9200")
    assert get_client("http://other.example:9200") is not first


@pytest.fixture
def cluster():
    return FakeCluster()


@pytest.fixture
def engine(cluster):
    engine = ElasticsearchEngine("http://fake-es:9200", alias="wemi-services")
    engine._client = cluster.client(**client_options("http://fake-es:9200"))
    return engine


@pytest.fixture(autouse=True)
def no_backoff_sleep(monkeypatch):
    """The bulk helper's back-off between retries of 429s, not waited for in tests."""
    monkeypatch.setattr("elasticsearch.helpers.actions.time.sleep", lambda seconds: None)


def _searches(cluster):
    return [request for request in cluster.requests if request[1].endswith("/_search")]


def test_searches_ask_only_for_shown_fields_with_a_stable_preference(engine, cluster):
    bands = current_price_bands()
    query = SearchQuery(language="it", text="badante", sort="relevance")
    engine.search(query, bands)
    engine.search(replace(query, page=2), bands)
    engine.search(replace(query, text="pasti"), bands)
    first, second, other = _searches(cluster)
    assert first[2]["preference"] == second[2]["preference"] != other[2]["preference"]
    assert not first[2]["preference"].startswith("_")  # not a reserved preference value
    assert '"_source": [' in first[3].replace('"_source":[', '"_source": [')
    import json

    body = json.loads(first[3])
    assert body["_source"] == HIT_SOURCE
    assert "body" not in HIT_SOURCE and not any(field.startswith("words_") for field in HIT_SOURCE)


def test_pages_stay_within_max_result_window(engine, cluster):
    import json

    assert MAX_PAGE * PER_PAGE <= MAX_RESULT_WINDOW
    bands = current_price_bands()
    engine.search(SearchQuery(language="it", sort="name", page=MAX_PAGE), bands)
    engine.search(SearchQuery(language="it", sort="name", page=3, per_page=5000), bands)
    last, beyond = (json.loads(request[3]) for request in _searches(cluster))
    assert last["from"] + last["size"] == MAX_RESULT_WINDOW
    assert beyond["from"] + beyond["size"] == MAX_RESULT_WINDOW


def test_searches_use_the_short_timeout_and_indexing_the_long_one(engine, cluster):
    engine.rebuild([])
    cluster.request_timeouts.clear()
    with override_settings(ELASTICSEARCH_INDEXING_TIMEOUT=77):
        engine.replace([], make_documents(count=1))
    indexing = cluster.request_timeouts[:]
    engine.search(SearchQuery(language="it"), current_price_bands())
    assert set(indexing) == {77}
    assert cluster.request_timeouts[-1] == 5


def test_a_busy_node_is_retried_then_a_down_cluster_is_unavailable(engine, cluster):
    cluster.fail_next("POST", "/wemi-services/_search", 429)
    result = engine.search(SearchQuery(language="it"), current_price_bands())
    assert result.total == 0 and len(_searches(cluster)) == 2
    for _attempt in range(3):
        cluster.fail_next("POST", "/wemi-services/_search", "down")
    with pytest.raises(SearchUnavailable):
        engine.search(SearchQuery(language="it"), current_price_bands())


def test_replace_deletes_every_stale_document_however_many(engine, cluster):
    """A service set with 1,200 stale documents (more than one page of a search)."""
    documents = make_documents(seed=2, count=1210)
    key = documents[0].translation_key
    stale = [replace(document, translation_key=key) for document in documents[:1200]]
    others = documents[1200:]
    engine.rebuild([*stale, *others])
    assert len(cluster.ids("wemi-services")) == 1210
    kept = replace(stale[0], title="servizio aggiornato")
    engine.replace([key], [kept])
    ids = cluster.ids("wemi-services")
    assert ids == {str(kept.page_id), *(str(document.page_id) for document in others)}
    (index,) = cluster.resolve("wemi-services")
    assert cluster.indices[index][str(kept.page_id)]["title"] == "servizio aggiornato"
    engine.replace([key], [])
    assert str(kept.page_id) not in cluster.ids("wemi-services")


def test_bulk_items_answered_429_are_retried(engine, cluster):
    documents = make_documents(seed=4, count=3)
    cluster.reject_items([documents[1].page_id], status=429, times=2)
    engine.rebuild(documents)
    assert cluster.ids("wemi-services") == {str(document.page_id) for document in documents}


def test_a_delete_of_a_missing_document_is_not_an_error(engine, cluster):
    engine.rebuild(make_documents(seed=4, count=2))
    (index,) = cluster.resolve("wemi-services")
    client = engine.indexing
    engine._bulk(client, [{"_op_type": "delete", "_id": "404404"}], index)  # two updates raced
    cluster.reject_items(["12"], status=400)
    with pytest.raises(SearchUnavailable, match="1 document"):
        engine._bulk(client, [{"_op_type": "index", "_id": "12", "_source": {}}], index)


def test_a_failed_rebuild_deletes_its_index_and_keeps_the_old_one(engine, cluster):
    documents = make_documents(seed=6, count=5)
    first = engine.rebuild(documents)
    cluster.reject_items([documents[2].page_id], status=400)  # a mapping error, say
    with pytest.raises(SearchUnavailable):
        engine.rebuild(documents)
    assert set(cluster.indices) == {first}
    assert cluster.resolve("wemi-services") == [first]
    cluster.fail_next("POST", "/_aliases", 400)
    with pytest.raises(SearchUnavailable):
        engine.rebuild(documents)
    assert set(cluster.indices) == {first}


def test_a_rebuild_deletes_orphans_of_rebuilds_that_died_by_name(engine, cluster):
    current = engine.rebuild(make_documents(seed=8, count=2))
    orphan = "wemi-services-20200101000000000000"  # a rebuild killed half-way, long ago
    cluster.indices[orphan] = {"1": {}}
    cluster.indices["wemi-services-test-99999999999999999999"] = {}  # not older: kept
    cluster.indices["other-app-20200101000000000000"] = {}  # not ours
    new = engine.rebuild(make_documents(seed=8, count=2))
    assert set(cluster.indices) == {
        new,
        "wemi-services-test-99999999999999999999",
        "other-app-20200101000000000000",
    }
    assert current not in cluster.indices
    deletes = [path for method, path, _params, _body in cluster.requests if method == "DELETE"]
    assert deletes and not any("*" in path or "," in path for path in deletes)


def test_drop_deletes_each_index_by_name(engine, cluster):
    engine.rebuild(make_documents(seed=8, count=2))
    cluster.indices["wemi-services-20200101000000000000"] = {}
    engine.drop()
    assert cluster.indices == {}
    with pytest.raises(Exception, match="illegal_argument"):
        engine.client.indices.delete(index="wemi-services-*")  # what the fake, as ES 8, refuses


def test_an_unreachable_cluster_during_replace_is_unavailable(engine, cluster):
    engine.rebuild([])
    for _attempt in range(3):
        cluster.fail_next("PUT", "/wemi-services/_bulk", "down")
    with pytest.raises(SearchUnavailable):
        engine.replace(["k"], make_documents(count=1))


def test_updates_before_the_first_rebuild_do_not_create_an_index(engine, cluster):
    """Without the alias, a bulk would make a concrete index of that name: refused instead."""
    with pytest.raises(SearchUnavailable):
        engine.replace(["k"], make_documents(count=1))
    assert cluster.indices == {}
    bulk = [params for method, path, params, _body in cluster.requests if path.endswith("_bulk")]
    assert bulk and all(params.get("require_alias") == "true" for params in bulk)
