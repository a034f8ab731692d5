"""The Elasticsearch engine (``elasticsearch.dsl``, official client 8.x).

One document per service page per locale, its words in a field analysed with the locale's
language analyzer (``words_<language>``); facets as keyword fields (``facet_<name>``) and the
price in cents. Searches are ``FacetedSearch`` requests: terms facets and a range facet for
the price bands, disjunctive (each aggregation is filtered by every facet but its own, hits by
the ``post_filter``). The index is versioned (``<alias>-<timestamp>``) behind an alias;
``rebuild`` fills a new index and swaps the alias atomically, so searches never see a gap.
"""

import logging
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
)
from elasticsearch.dsl.query import Terms

from marketplace.pricing.rules import share_basis_points

from ..documents import TERM_FACETS, WHOLE_CITY, normalize_text
from ..query import PRICE_FACET, Hit, SearchResult
from . import SearchUnavailable

logger = logging.getLogger(__name__)

# Built-in language analyzers per content language (``cjk`` bigrams for Chinese).
ANALYZERS = {"it": "italian", "en": "english", "es": "spanish", "ar": "arabic", "zh-hans": "cjk"}
MAX_FACET_VALUES = 1000


def words_field(language):
    return "words_" + language.replace("-", "_")


def _words(analyzer):
    return Object(
        properties={
            "title": Text(analyzer=analyzer),
            "summary": Text(analyzer=analyzer),
            "body": Text(analyzer=analyzer),
            "topics": Text(analyzer=analyzer),
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
            words_field(code): _words(ANALYZERS.get(code, "standard"))
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


class ZoneFacet(TermsFacet):
    """Zones: a service for the whole city (term ``*``) matches every zone filter."""

    def add_filter(self, filter_values):
        if filter_values:
            return Terms(self._params["field"], [*filter_values, WHOLE_CITY], _expand__to_dot=False)
        return None


class ServiceFacetedSearch(FacetedSearch):
    """The request for one ``SearchQuery``: text, facets, sort and page."""

    def __init__(self, query, price_bands, index, client):
        self.index = index
        self.using = client
        self.search_query = query
        words = words_field(query.language)
        self.fields = [
            f"{words}.title^3",
            f"{words}.summary^2",
            f"{words}.topics^2",
            f"{words}.body",
        ]
        self.facets = {
            facet: TermsFacet(field=f"facet_{facet}", size=MAX_FACET_VALUES)
            for facet in TERM_FACETS
        }
        self.facets["zone"] = ZoneFacet(field="facet_zone", size=MAX_FACET_VALUES)
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
        self._s = self._s.extra(track_total_hits=True)[query.offset : query.offset + query.per_page]

    def search(self):
        return super().search().filter("term", language=self.search_query.language)

    def query(self, search, query):
        return search.query(
            "multi_match", query=query, fields=self.fields, operator="and", fuzziness="AUTO"
        )

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
    zones = facets["zone"]
    everywhere = zones.pop(WHOLE_CITY, 0)
    facets["zone"] = {zone: count + everywhere for zone, count in zones.items()}
    if everywhere:
        facets["zone"][WHOLE_CITY] = everywhere
    return SearchResult(query=query, hits=hits, total=total, facets=facets)


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
            self._client = Elasticsearch(self.url, request_timeout=5, max_retries=1)
        return self._client

    def new_index(self, name):
        index = Index(name)
        index.document(ServiceIndexDocument)
        index.settings(number_of_shards=1)
        return index

    def search(self, query, price_bands):
        request = ServiceFacetedSearch(query, price_bands, self.alias, self.client)
        try:
            raw = self.client.search(index=self.alias, body=request.to_dict())
        except (ApiError, TransportError) as error:
            logger.warning("Elasticsearch search failed: %s", error)
            raise SearchUnavailable(str(error)) from error
        return parse_response(raw.body, query, price_bands)

    def replace(self, translation_keys, documents):
        keys = [str(key) for key in translation_keys]
        try:
            existing = self.client.search(
                index=self.alias,
                query={"terms": {"translation_key": keys}},
                size=1000,
                source=False,
            )
            fresh = {str(document.page_id) for document in documents}
            actions = [
                {"_op_type": "index", "_id": str(d.page_id), "_source": index_body(d)}
                for d in documents
            ] + [
                {"_op_type": "delete", "_id": hit["_id"]}
                for hit in existing["hits"]["hits"]
                if hit["_id"] not in fresh
            ]
            if actions:
                helpers.bulk(self.client, actions, index=self.alias, refresh="wait_for")
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error

    def rebuild(self, documents):
        """Fill a new versioned index, point the alias at it, drop the old ones."""
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        try:
            self.new_index(name).create(using=self.client)
            helpers.bulk(
                self.client,
                ({"_id": str(d.page_id), "_source": index_body(d)} for d in documents),
                index=name,
            )
            self.client.indices.refresh(index=name)
            try:
                old = list(self.client.indices.get_alias(name=self.alias).body)
            except NotFoundError:
                old = []
            self.client.indices.update_aliases(
                actions=[{"remove": {"index": index, "alias": self.alias}} for index in old]
                + [{"add": {"index": name, "alias": self.alias}}]
            )
            for index in old:
                self.client.indices.delete(index=index)
        except (ApiError, TransportError) as error:
            raise SearchUnavailable(str(error)) from error
        return name
