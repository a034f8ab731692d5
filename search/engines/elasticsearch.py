"""The Elasticsearch engine (``elasticsearch.dsl``, official client 8.x).

One document per service page per locale, its words in fields analysed with the locale's
language analyzer (``words_<language>``: title, summary, body, topics) and copied into one
prefix field (``words_<language>.prefix``: edge n-grams, no stemming); facets as keyword
fields (``facet_<name>``) and the price in cents. Searches are ``FacetedSearch`` requests:
terms facets and a range facet for the price bands, disjunctive (each aggregation is filtered
by every facet but its own, hits by the ``post_filter``). The index is versioned
(``<alias>-<timestamp>``) behind an alias; ``rebuild`` fills a new index and swaps the alias
atomically, so searches never see a gap.

Words match as on the database engines (docs/decisions/0017): every word of the search must
be somewhere in the document (any field: ``combined_fields``, not ``multi_match``'s per-field
"and"), stemmed or as a prefix of a word ("bada" finds "badante"); no fuzziness; Chinese
characters one by one in order (one character finds every word holding it). Connection
settings (TLS, API key or user, CA or fingerprint, timeouts) come from the environment
(``client_options``); one client per process.
"""

import hashlib
import logging
import threading
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    Boolean,
    Document,
    FacetedSearch,
    Index,
    Integer,
    Keyword,
    Long,
    Object,
    RangeFacet,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl.query import Terms

from marketplace.pricing.rules import share_basis_points

from ..documents import TERM_FACETS, WILDCARD_FACETS, normalize_text
from ..query import MAX_PAGE, PER_PAGE, PRICE_FACET, Hit, SearchResult
from ..words import ITALIAN_ELISIONS, search_words
from . import SearchUnavailable

logger = logging.getLogger(__name__)

# Built-in language analyzers per content language (``cjk`` bigrams for Chinese).
ANALYZERS = {"it": "italian", "en": "english", "es": "spanish", "ar": "arabic", "zh-hans": "cjk"}
MAX_FACET_VALUES = 1000
# Services per delete-by-query in ``replace`` (a terms query takes at most 65,536 terms).
REPLACE_CHUNK = 1000


def words_field(language):
    return "words_" + language.replace("-", "_")


# Elasticsearch's default ``index.max_result_window``: ``from + size`` of a search may not
# exceed it. The site's pages stay within it by construction (``MAX_PAGE * PER_PAGE``).
MAX_RESULT_WINDOW = 10000
assert MAX_PAGE * PER_PAGE <= MAX_RESULT_WINDOW

# The prefix field: every word of the document (any field, via ``copy_to``) cut into its
# beginnings, lower case, accents folded, elided articles off (``search.words``), Arabic
# normalised and without its definite article; Chinese characters are one token each (the
# standard tokenizer), so a search matches them as a phrase, in order.
_elision = token_filter(
    "wemi_elision", type="elision", articles=sorted(ITALIAN_ELISIONS), articles_case=True
)
_arabic_article = token_filter(
    "wemi_arabic_article",
    type="pattern_replace",
    pattern="^(وال|بال|كال|فال|لل|ال)(?=..)",
    replacement="",
)
_edge = token_filter("wemi_edge", type="edge_ngram", min_gram=1, max_gram=20)
_possessive = token_filter("wemi_possessive", type="stemmer", language="possessive_english")
_prefix_filters = [
    _elision,
    "lowercase",
    _possessive,
    "asciifolding",
    "arabic_normalization",
    _arabic_article,
]
PREFIX_INDEX_ANALYZER = analyzer(
    "wemi_prefix_index", tokenizer="standard", filter=[*_prefix_filters, _edge]
)
PREFIX_SEARCH_ANALYZER = analyzer(
    "wemi_prefix_search", tokenizer="standard", filter=_prefix_filters
)
WORD_FIELDS = {"title": 3, "summary": 2, "topics": 2, "body": 1}


def _words(language_analyzer, language):
    prefix_field = f"{words_field(language)}.prefix"
    return Object(
        properties={
            **{
                name: Text(analyzer=language_analyzer, copy_to=prefix_field) for name in WORD_FIELDS
            },
            "prefix": Text(analyzer=PREFIX_INDEX_ANALYZER, search_analyzer=PREFIX_SEARCH_ANALYZER),
        }
    )


def _document_class():
    fields = {
        "page_id": Integer(),
        "translation_key": Keyword(),
        "language": Keyword(),
        "title": Keyword(index=False),
        "sort_title": Keyword(),
        "summary": Keyword(index=False),
        "url": Keyword(index=False),
        "provider_title": Keyword(index=False),
        "zones": Keyword(index=False),
        "serves_whole_city": Boolean(),
        "audiences": Keyword(index=False),
        "price_from": Keyword(index=False),
        "price_cents": Long(),
        "price_unit": Keyword(index=False),
        "tariff_cents": Long(),
        "tariff_unit": Keyword(index=False),
        "market_cents": Long(),
        "market_unit": Keyword(index=False),
        **{f"facet_{facet}": Keyword() for facet in TERM_FACETS},
        **{
            words_field(code): _words(ANALYZERS.get(code, "standard"), code)
            for code, _name in settings.LANGUAGES
        },
    }
    return type("ServiceIndexDocument", (Document,), fields)


ServiceIndexDocument = _document_class()


def to_cents(amount):
    return int((Decimal(amount) * 100).to_integral_value())


def band_range_cents(band):
    """``(from, to)`` for a range aggregation (from inclusive, to exclusive) in cents.

    A band holds ``above < price <= up_to``; prices are whole cents.
    """
    low = None if band.above is None else to_cents(band.above) + 1
    high = None if band.up_to is None else to_cents(band.up_to) + 1
    return low, high


def index_body(document):
    """The ``_source`` of one search document."""
    body = {
        "page_id": document.page_id,
        "translation_key": document.translation_key,
        "language": document.language,
        "title": document.title,
        "sort_title": normalize_text(document.title),
        "summary": document.summary,
        "url": document.url,
        "provider_title": document.provider_title,
        "zones": document.zones,
        "serves_whole_city": document.serves_whole_city,
        "audiences": document.audiences,
        "price_unit": document.price_unit,
        words_field(document.language): {
            "title": document.title,
            "summary": document.summary,
            "body": f"{document.body} {document.provider_title}",
            "topics": document.topics,
        },
    }
    if document.price_from is not None:
        body["price_from"] = str(document.price_from)
        body["price_cents"] = to_cents(document.price_from)
    tariff, tariff_unit, market, market_unit = document.price_parts()
    if tariff is not None:
        body["tariff_cents"], body["tariff_unit"] = to_cents(tariff), tariff_unit
    if market is not None:
        body["market_cents"], body["market_unit"] = to_cents(market), market_unit
    for facet, values in document.facet_values().items():
        body[f"facet_{facet}"] = values
    return body


# What a household pays per unit for a document's cheapest offer, in cents; unpriced last.
# The same integer arithmetic as the database engine (``household_price_sql``) and as
# ``marketplace.pricing.rules.share_of``: a share rounded half up to whole cents.
HOUSEHOLD_PRICE_SCRIPT = """
long unpriced = 1000000000000L;
boolean hasTariff = doc['tariff_cents'].size() > 0;
boolean hasMarket = doc['market_cents'].size() > 0;
if (!hasTariff && !hasMarket) { return unpriced; }
if (!hasTariff) { return doc['market_cents'].value; }
long share = (doc['tariff_cents'].value * params.points + 5000L) / 10000L;
if (!hasMarket || share < doc['market_cents'].value) { return share; }
return doc['market_cents'].value;
""".strip()


def household_price_sort(share_percent):
    """A script sort by the price a household paying ``share_percent`` % of tariffs pays."""
    return {
        "_script": {
            "type": "number",
            "order": "asc",
            "script": {
                "lang": "painless",
                "source": HOUSEHOLD_PRICE_SCRIPT,
                "params": {"points": share_basis_points(share_percent)},
            },
        }
    }


class WildcardFacet(TermsFacet):
    """Zones: a service for the whole city (term ``*``) matches every zone filter; ages: a
    service that states no ages (term ``*``) matches every age filter."""

    def __init__(self, wildcard, **kwargs):
        self.wildcard = wildcard
        super().__init__(**kwargs)

    def add_filter(self, filter_values):
        if filter_values:
            return Terms(
                self._params["field"], [*filter_values, self.wildcard], _expand__to_dot=False
            )
        return None



# The ``_source`` fields a hit is shown with (not the body text).
HIT_SOURCE = [
    "page_id",
    "translation_key",
    "title",
    "url",
    "summary",
    "provider_title",
    "zones",
    "serves_whole_city",
    "audiences",
    "price_from",
    "price_unit",
    "tariff_cents",
    "tariff_unit",
    "market_cents",
    "market_unit",
]


def text_query(text, language):
    """The query of a search's words: each must be in the document, in any field.

    A word matches the language-analysed fields together (``combined_fields``: stems, stop
    words dropped, title and summary boosted for the score) or, failing that, is the
    beginning of a word in the prefix field (a phrase of beginnings, so Chinese characters
    match in order). Words are split as on the database engines (``search.words``). No
    fuzziness: "casa" does not find "cassa" (decision 0017). None when no word is left.
    """
    words = search_words(text, language)
    if not words:
        return None
    field = words_field(language)
    fields = [
        f"{field}.{name}^{boost}" if boost != 1 else f"{field}.{name}"
        for name, boost in WORD_FIELDS.items()
    ]
    return {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            {
                                "combined_fields": {
                                    "query": word,
                                    "fields": fields,
                                    "operator": "and",
                                }
                            },
                            {"match_phrase": {f"{field}.prefix": {"query": word}}},
                        ],
                        "minimum_should_match": 1,
                    }
                }
                for word in words
            ]
        }
    }


def search_preference(query):
    """A ``preference`` string for this query: the same shard copies answer all its pages.

    With replicas, copies of a shard may score a document differently (deleted documents not
    yet merged away), so two pages of one relevance search answered by different copies could
    repeat or skip hits. Derived from the query (words, filters, sort, language), not from the
    visitor, so anonymous pages stay cacheable and every visitor sees the same order.
    """
    key = repr((query.language, query.text, sorted(query.filters.items()), query.sort))
    return "wemi-" + hashlib.sha256(key.encode()).hexdigest()[:16]


class ServiceFacetedSearch(FacetedSearch):
    """The request for one ``SearchQuery``: text, facets, sort and page."""

    def __init__(self, query, price_bands, index, client):
        self.index = index
        self.using = client
        self.search_query = query
        self.facets = {
            facet: TermsFacet(field=f"facet_{facet}", size=MAX_FACET_VALUES)
            for facet in TERM_FACETS
        }
        for facet, wildcard in WILDCARD_FACETS.items():
            self.facets[facet] = WildcardFacet(
                wildcard, field=f"facet_{facet}", size=MAX_FACET_VALUES
            )
        self.facets[PRICE_FACET] = RangeFacet(
            field="price_cents", ranges=[(band.key, band_range_cents(band)) for band in price_bands]
        )
        known_bands = {band.key for band in price_bands}
        filters = {
            facet: [v for v in values if facet != PRICE_FACET or v in known_bands]
            for facet, values in query.filters.items()
        }
        sort = {
            "relevance": ["_score", "sort_title", "page_id"],
            "price": [household_price_sort(query.price_share), "sort_title", "page_id"],
            "name": ["sort_title", "page_id"],
        }[query.effective_sort]
        super().__init__(query=query.text or None, filters=filters, sort=sort)
        # Never past max_result_window: a page beyond it is empty (counts still come back).
        start = min(query.offset, MAX_RESULT_WINDOW)
        stop = min(query.offset + query.per_page, MAX_RESULT_WINDOW)
        self._s = self._s.extra(track_total_hits=True).source(HIT_SOURCE)[start:stop]

    def search(self):
        return super().search().filter("term", language=self.search_query.language)

    def query(self, search, query):
        text = text_query(query, self.search_query.language)
        if text is None:
            return search.query("match_none")
        return search.query(text)

    def highlight(self, search):
        return search

    def to_dict(self):
        return self._s.to_dict()


def _euros(cents):
    return None if cents is None else Decimal(cents) / 100


def parse_response(raw, query, price_bands):
    """Turn a raw Elasticsearch response into a ``SearchResult``."""
    hits = []
    for item in raw["hits"]["hits"]:
        source = item["_source"]
        price = source.get("price_from")
        hits.append(
            Hit(
                page_id=source["page_id"],
                translation_key=source["translation_key"],
                title=source["title"],
                url=source["url"],
                summary=source.get("summary", ""),
                provider_title=source.get("provider_title", ""),
                zones=list(source.get("zones") or []),
                serves_whole_city=bool(source.get("serves_whole_city")),
                audiences=list(source.get("audiences") or []),
                price_from=Decimal(price) if price is not None else None,
                price_unit=source.get("price_unit", ""),
                score=float(item.get("_score") or 0),
                tariff_from=_euros(source.get("tariff_cents")),
                tariff_unit=source.get("tariff_unit", ""),
                market_from=_euros(source.get("market_cents")),
                market_unit=source.get("market_unit", ""),
            )
        )
    total = raw["hits"]["total"]
    total = total["value"] if isinstance(total, dict) else int(total)
    aggregations = raw.get("aggregations", {})
    facets = {}
    for facet in (*TERM_FACETS, PRICE_FACET):
        buckets = aggregations.get(f"_filter_{facet}", {}).get(facet, {}).get("buckets", [])
        facets[facet] = {str(bucket["key"]): bucket["doc_count"] for bucket in buckets}
    band_keys = {band.key for band in price_bands}
    facets[PRICE_FACET] = {
        key: count for key, count in facets[PRICE_FACET].items() if key in band_keys
    }
    for facet, wildcard in WILDCARD_FACETS.items():
        values = facets[facet]
        everywhere = values.pop(wildcard, 0)
        facets[facet] = {value: count + everywhere for value, count in values.items()}
        if everywhere:
            facets[facet][wildcard] = everywhere
    return SearchResult(query=query, hits=hits, total=total, facets=facets)


def client_options(url=None):
    """Keyword arguments of the ``Elasticsearch`` client, from the settings (the environment).

    ``ELASTICSEARCH_URL``: one or more node URLs, comma-separated (``https://`` for TLS).
    Authentication: ``ELASTICSEARCH_API_KEY`` (the encoded key Elasticsearch returns), or
    ``ELASTICSEARCH_USERNAME`` and ``ELASTICSEARCH_PASSWORD``. The server's certificate:
    ``ELASTICSEARCH_CA_CERTS`` (path of the CA's PEM file, e.g. Elasticsearch's
    ``http_ca.crt``) or ``ELASTICSEARCH_SSL_FINGERPRINT`` (its SHA-256 fingerprint);
    ``ELASTICSEARCH_VERIFY_CERTS=false`` only for a test cluster. ``ELASTICSEARCH_TIMEOUT``
    (seconds, searches) is the client's default; indexing uses ``ELASTICSEARCH_INDEXING_TIMEOUT``
    per request (``ElasticsearchEngine.indexing``). Requests answered 429/502/503/504 or timed
    out are retried (``max_retries``) on the next node.
    """
    hosts = [
        host.strip() for host in (url or settings.ELASTICSEARCH_URL).split(",") if host.strip()
    ]
    options = {
        "hosts": hosts,
        "request_timeout": float(settings.ELASTICSEARCH_TIMEOUT),
        "max_retries": 2,
        "retry_on_timeout": True,
        "retry_on_status": (429, 502, 503, 504),
    }
    if settings.ELASTICSEARCH_API_KEY:
        options["api_key"] = settings.ELASTICSEARCH_API_KEY
    elif settings.ELASTICSEARCH_USERNAME:
        options["basic_auth"] = (settings.ELASTICSEARCH_USERNAME, settings.ELASTICSEARCH_PASSWORD)
    if settings.ELASTICSEARCH_CA_CERTS:
        options["ca_certs"] = settings.ELASTICSEARCH_CA_CERTS
    if settings.ELASTICSEARCH_SSL_FINGERPRINT:
        options["ssl_assert_fingerprint"] = settings.ELASTICSEARCH_SSL_FINGERPRINT
    if not settings.ELASTICSEARCH_VERIFY_CERTS:
        options["verify_certs"] = False
    return options


_clients = {}
_clients_lock = threading.Lock()


def get_client(url=None):
    """The process's client for these options (created once, then reused by every search:
    one connection pool per process, not one per request)."""
    options = client_options(url)
    key = repr(sorted(options.items()))
    with _clients_lock:
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = Elasticsearch(**options)
    return client


def _is_missing(item):
    """A bulk item error that means "already gone": a delete answered 404."""
    action, result = next(iter(item.items()))
    return action == "delete" and result.get("status") == 404


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url, alias=None):
        self.url = url
        self.alias = alias or settings.ELASTICSEARCH_INDEX
        self._client = None

    @property
    def client(self):
        if not self.url:
            raise SearchUnavailable("ELASTICSEARCH_URL is not set.")
        if self._client is None:
            self._client = get_client(self.url)
        return self._client

    @property
    def indexing(self):
        """The client with the (longer) timeout of indexing requests."""
        return self.client.options(request_timeout=float(settings.ELASTICSEARCH_INDEXING_TIMEOUT))

    def new_index(self, name):
        index = Index(name)
        index.document(ServiceIndexDocument)
        index.settings(number_of_shards=1, max_result_window=MAX_RESULT_WINDOW)
        return index

    def search(self, query, price_bands):
        request = ServiceFacetedSearch(query, price_bands, self.alias, self.client)
        try:
            raw = self.client.search(
                index=self.alias, body=request.to_dict(), preference=search_preference(query)
            )
        except (ApiError, TransportError) as error:
            logger.warning("Elasticsearch search failed: %s", error)
            raise SearchUnavailable(str(error)) from error
        return parse_response(raw.body, query, price_bands)

    def _bulk(self, client, actions, index, **kwargs):
        """Send ``actions``; a delete of a missing document is fine, any other failure raises
        ``SearchUnavailable`` (after the helper's own retries of 429s) with the first errors."""
        try:
            _ok, errors = helpers.bulk(
                client,
                actions,
                index=index,
                raise_on_error=False,
                max_retries=3,
                initial_backoff=1,
                **kwargs,
            )
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error
        errors = [item for item in errors if not _is_missing(item)]
        if errors:
            raise SearchUnavailable(f"{len(errors)} document(s) not indexed: {errors[:3]}")

    def replace(self, translation_keys, documents):
        """The documents of these services become exactly ``documents``.

        The new documents are written first, then every other document of these services is
        deleted by a query (however many there are: no page of ids to read), on the index
        behind the alias. Raises ``SearchUnavailable`` (the caller retries later).
        """
        keys = sorted({str(key) for key in translation_keys})
        client = self.indexing
        actions = [
            {"_op_type": "index", "_id": str(d.page_id), "_source": index_body(d)}
            for d in documents
        ]
        if actions:
            # require_alias: before the first rebuild, Elasticsearch would otherwise create a
            # concrete index named like the alias (dynamic mapping), which no rebuild can fix.
            self._bulk(client, actions, self.alias, refresh="wait_for", require_alias=True)
        fresh = [str(document.page_id) for document in documents]
        for start in range(0, len(keys), REPLACE_CHUNK):
            chunk = keys[start : start + REPLACE_CHUNK]
            stale = {"bool": {"filter": [{"terms": {"translation_key": chunk}}]}}
            if fresh:
                stale["bool"]["must_not"] = [{"ids": {"values": fresh}}]
            try:
                client.delete_by_query(
                    index=self.alias, query=stale, conflicts="proceed", refresh=True
                )
            except (ApiError, TransportError) as error:
                raise SearchUnavailable(str(error)) from error

    def _versioned_indices(self):
        """Names of this alias's versioned indices (``<alias>-<timestamp>``), oldest first."""
        try:
            found = self.client.indices.get(index=f"{self.alias}-*", allow_no_indices=True)
        except NotFoundError:
            return []
        prefix = f"{self.alias}-"
        return sorted(name for name in found.body if name.startswith(prefix))

    def _aliased(self):
        try:
            return list(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _delete_indices(self, names):
        """Delete these indices one by one, by name (Elasticsearch 8 refuses wildcards in
        deletes: ``action.destructive_requires_name``); a missing one is fine."""
        for name in names:
            self.indexing.indices.delete(index=name, ignore_unavailable=True)

    def rebuild(self, documents):
        """Fill a new versioned index, point the alias at it, drop the old ones.

        If anything fails, the new index is deleted (no orphan is left to fill the disk) and
        ``SearchUnavailable`` is raised; the alias still points at the old index. Orphans of
        earlier rebuilds that died half-way (older than this one and behind no alias) are
        deleted too. Returns the new index's name.
        """
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        client = self.indexing
        try:
            self.new_index(name).create(using=client)
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error
        try:
            self._bulk(
                client,
                ({"_id": str(d.page_id), "_source": index_body(d)} for d in documents),
                name,
            )
            client.indices.refresh(index=name)
            old = self._aliased()
            client.indices.update_aliases(
                actions=[{"remove": {"index": index, "alias": self.alias}} for index in old]
                + [{"add": {"index": name, "alias": self.alias}}]
            )
        except (ApiError, TransportError, SearchUnavailable) as error:
            logger.warning("Elasticsearch rebuild failed, deleting %s: %s", name, error)
            try:
                self._delete_indices([name])
            except (ApiError, TransportError):
                logger.exception("Could not delete the failed rebuild's index %s", name)
            if isinstance(error, SearchUnavailable):
                raise
            raise SearchUnavailable(str(error)) from error
        try:
            orphans = [index for index in self._versioned_indices() if index < name]
            self._delete_indices(sorted({*old, *orphans} - {name}))
        except (ApiError, TransportError) as error:
            # The new index is live: old ones left behind are deleted by the next rebuild.
            logger.warning("Old search indices not deleted: %s", error)
        return name

    def drop(self):
        """Delete the alias's every versioned index, by name (tests, decommissioning)."""
        self._delete_indices(self._versioned_indices())
