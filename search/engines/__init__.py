"""Search engines behind one interface, chosen by ``settings.SEARCH_ENGINE``.

Every engine implements:

- ``search(query, price_bands) -> SearchResult``
- ``replace(translation_keys, documents)``: the documents of these services are now exactly
  ``documents`` (used after a page or an offer changes);
- ``rebuild(documents)``: the whole index becomes ``documents``.

Engines raise ``SearchUnavailable`` when they cannot answer (e.g. the cluster is down).
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SearchUnavailable(Exception):
    """The search engine cannot be reached or refused the request."""


def get_engine(name=None):
    name = name or settings.SEARCH_ENGINE
    if name == "database":
        from .database import DatabaseEngine

        return DatabaseEngine()
    if name == "elasticsearch":
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(settings.ELASTICSEARCH_URL)
    raise ImproperlyConfigured(
        f"Unknown SEARCH_ENGINE {name!r}: use 'database' or 'elasticsearch'."
    )
