import os
import uuid

import pytest

from search.engines.database import DatabaseEngine


def engines():
    """Every engine reachable here: the database always, Elasticsearch when configured."""
    params = [pytest.param("database", id="database")]
    if os.environ.get("ELASTICSEARCH_URL"):
        params.append(pytest.param("elasticsearch", id="elasticsearch"))
    return params


@pytest.fixture(params=engines())
def engine(request, db):
    if request.param == "database":
        yield DatabaseEngine()
        return
    from search.engines.elasticsearch import ElasticsearchEngine

    engine = ElasticsearchEngine(
        os.environ["ELASTICSEARCH_URL"], alias=f"wemi-test-{uuid.uuid4().hex[:8]}"
    )
    yield engine
    engine.drop()  # by name: Elasticsearch 8 refuses wildcard deletes by default


@pytest.fixture(autouse=True)
def fresh_catalogs():
    """Facet catalogs are cached per process: start every test without them."""
    from django.core.cache import cache

    cache.clear()
