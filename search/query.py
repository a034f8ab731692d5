"""The one interface every engine answers: a ``SearchQuery`` in, a ``SearchResult`` out.

Facets are disjunctive: values of one facet are OR-ed, facets are AND-ed, and each facet's
counts apply every other filter but its own.
"""

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .documents import TERM_FACETS, WILDCARD_FACETS, normalize_text
from .sanitize import clean_search_text

PRICE_FACET = "price"
FACETS = (*TERM_FACETS, PRICE_FACET)
SORTS = {
    "relevance": _("Relevance"),
    "price": _("Price (lowest first)"),
    "name": _("Name (A–Z)"),
}
PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
MAX_VALUES_PER_FACET = 30
MAX_PARAMETERS = 120
MAX_PAGE = 500


class BadSearchRequest(Exception):
    """The request cannot be answered (too many parameters, unknown language)."""


@dataclass(frozen=True)
class SearchQuery:
    language: str
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet -> tuple of values
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    # The share (%) of Comune tariffs the searching household pays (its ISEE band's): prices
    # are shown and sorted as that household pays them. 100 = full prices (anonymous visitors).
    # Never in the URL: it belongs to the person, not to the query.
    price_share: Decimal = Decimal(100)

    def values(self, facet):
        return self.filters.get(facet, ())

    def without(self, facet, value=None):
        """The same query without one facet (or one of its values), back on page 1."""
        filters = dict(self.filters)
        if value is None:
            filters.pop(facet, None)
        else:
            remaining = tuple(v for v in filters.get(facet, ()) if v != value)
            if remaining:
                filters[facet] = remaining
            else:
                filters.pop(facet, None)
        return replace(self, filters=filters, page=1)

    @property
    def effective_sort(self):
        """Relevance needs words to rank by; without them, results are sorted by name."""
        if self.sort == "relevance" and not self.text:
            return "name"
        return self.sort

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def to_params(self, page=None):
        """Query-string parameters that reproduce this query (for links and the API)."""
        params = []
        if self.text:
            params.append(("q", self.text))
        for facet in FACETS:
            params.extend((facet, value) for value in self.values(facet))
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        page = self.page if page is None else page
        if page != 1:
            params.append(("page", str(page)))
        return params


@dataclass
class Hit:
    page_id: int
    translation_key: str
    title: str
    url: str
    summary: str
    provider_title: str
    zones: list
    serves_whole_city: bool
    audiences: list
    price_from: Decimal | None
    price_unit: str
    score: float = 0.0
    tariff_from: Decimal | None = None
    tariff_unit: str = ""
    market_from: Decimal | None = None
    market_unit: str = ""

    def price_for_share(self, share_percent):
        """``(price per unit, unit)`` a household paying ``share_percent`` % of tariffs pays
        for this service's cheapest offer, or ``(None, "")`` (``pricing.rules``)."""
        from marketplace.pricing.rules import lowest_price_for_share

        if self.tariff_from is None and self.market_from is None:
            return self.price_from, self.price_unit
        lowest = lowest_price_for_share(self.tariff_from, self.market_from, share_percent)
        if lowest is None:
            return None, ""
        price, kind = lowest
        return price, self.tariff_unit if kind == "accredited" else self.market_unit


@dataclass
class SearchResult:
    query: SearchQuery
    hits: list
    total: int
    facets: dict  # facet -> {value: count}

    @property
    def pages(self):
        return max(1, -(-self.total // self.query.per_page))

    def count(self, facet, value):
        """Results this facet value gives (with every other filter applied)."""
        counts = self.facets.get(facet, {})
        if facet in WILDCARD_FACETS:
            return counts.get(value, counts.get(WILDCARD_FACETS[facet], 0))
        return counts.get(value, 0)


def parse_query(params, language):
    """Read a query from request parameters. Returns ``(query, messages)``.

    Syntactic problems are corrected with a message for the user (long text cut, bad page
    number read as 1, unknown sort ignored); too many parameters is refused outright.
    Facet values are checked against the taxonomy later (``FacetCatalog.clean``).
    """
    if language not in dict(settings.LANGUAGES):
        raise BadSearchRequest(gettext("Unknown language."))
    if sum(len(values) for values in params.lists()) > MAX_PARAMETERS:
        raise BadSearchRequest(gettext("Too many search parameters."))
    messages = []
    text = clean_search_text(params.get("q"))
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0]
        messages.append(
            gettext("Your search was too long: only its first %(count)d characters were used.")
            % {"count": MAX_QUERY_LENGTH}
        )
    words = text.split()
    if len(words) > MAX_QUERY_WORDS:
        text = " ".join(words[:MAX_QUERY_WORDS])
        messages.append(
            gettext("Only the first %(count)d words of your search were used.")
            % {"count": MAX_QUERY_WORDS}
        )
    filters = {}
    for facet in FACETS:
        values = []
        for value in params.getlist(facet):
            value = clean_search_text(value)
            if value and value not in values:
                values.append(value[:120])
        if len(values) > MAX_VALUES_PER_FACET:
            values = values[:MAX_VALUES_PER_FACET]
            messages.append(gettext("Too many values for one filter: some were ignored."))
        if values:
            filters[facet] = tuple(values)
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        messages.append(gettext("Unknown sort order: results are sorted by relevance."))
        sort = "relevance"
    page = 1
    raw_page = params.get("page")
    if raw_page:
        try:
            page = int(raw_page)
        except ValueError:
            page = 0
        if not 1 <= page <= MAX_PAGE:
            messages.append(gettext("That page number does not exist: showing the first page."))
            page = 1
    return SearchQuery(
        language=language, text=text, filters=filters, sort=sort, page=page
    ), messages


def recognise_zones(query, zone_aliases):
    """Zones named in the words of a search become the zone filter. Returns ``(query, slugs)``.

    "assistenza anziani municipio 5" searches "assistenza anziani" in Municipio 5 (and in
    the services for the whole city, as the zone filter does); "Brera" alone lists what
    serves Brera. Names are matched as whole words, case, accents, punctuation around them
    and Arabic spelling aside (``normalize_text``), longest first; the other words are kept
    as typed. ``zone_aliases`` is ``[(normalised words, slug)]`` (``FacetCatalog.zone_aliases``).
    """
    if not query.text or not zone_aliases:
        return query, []
    typed = query.text.split()
    kept = [True] * len(typed)
    # (position in typed, bare word) of the words that are more than punctuation ("-").
    words = [(i, bare) for i, bare in enumerate(_bare(word) for word in typed) if bare]
    found = []
    for alias, slug in zone_aliases:
        needle = [bare for bare in map(_bare, alias.split()) if bare]
        size = len(needle)
        for start in range(len(words) - size + 1):
            span = words[start : start + size]
            if [bare for _i, bare in span] == needle and all(kept[i] for i, _bare_word in span):
                for i in range(span[0][0], span[-1][0] + 1):
                    kept[i] = False
                if slug not in found:
                    found.append(slug)
    if not found:
        return query, []
    zones = tuple(dict.fromkeys([*query.values("zone"), *found]))
    text = " ".join(word for word, keep in zip(typed, kept, strict=True) if keep)
    return replace(query, text=text, filters={**query.filters, "zone": zones}), found


def _bare(word):
    """A typed word, normalised, without the punctuation around it ("5," gives "5")."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", normalize_text(word))
