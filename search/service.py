"""One search request, as the page and the API both run it: parse, validate, search, present."""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext

from .catalog import FACET_LABELS, UNIT_LABELS, FacetCatalog
from .engines import get_engine
from .query import FACETS, PRICE_FACET, parse_query, recognise_zones

# Facets shown as a drop-down (many values) rather than checkboxes.
SELECT_FACETS = {"zone", "provider", "age"}


@dataclass
class SearchOutcome:
    query: object
    result: object
    catalog: FacetCatalog
    messages: list

    def facet_groups(self):
        """Facets for display: every known value with its count (0 when absent)."""
        groups = []
        for facet in FACETS:
            selected = set(self.query.values(facet))
            options = []
            for option in self.catalog.options[facet]:
                count = self.result.count(facet, option.value)
                if count or option.value in selected or facet in {"zone", PRICE_FACET}:
                    options.append(
                        {
                            "value": option.value,
                            "label": option.label,
                            "parent": option.parent,
                            "count": count,
                            "selected": option.value in selected,
                        }
                    )
            groups.append(
                {
                    "name": facet,
                    "label": FACET_LABELS[facet],
                    "widget": "select" if facet in SELECT_FACETS else "checkbox",
                    "options": options,
                    "selected": bool(selected),
                }
            )
        return groups

    @property
    def prices_are_full(self):
        """Whether hits show full prices (anonymous visitors, or a household paying 100 %)."""
        return self.query.price_share == Decimal(100)

    def hits(self):
        return [self._hit(hit) for hit in self.result.hits]

    def _hit(self, hit):
        """A hit for display: ``price``/``unit`` are what this household pays per unit,
        ``price_from``/``price_unit`` the lowest full price (the price facet's)."""
        price, unit = hit.price_for_share(self.query.price_share)
        return {
            "translation_key": hit.translation_key,
            "title": hit.title,
            "url": hit.url,
            "summary": hit.summary,
            "provider": hit.provider_title,
            "zones": self.catalog.zone_names(hit),
            "audiences": self.catalog.audience_names(hit),
            "price_from": hit.price_from,
            "price_unit": str(UNIT_LABELS.get(hit.price_unit, "")),
            "whole_city": hit.serves_whole_city,
            "zone_slugs": hit.zones,
            "audience_slugs": hit.audiences,
            "price": price,
            "unit": str(UNIT_LABELS.get(unit, "")),
            "below_full_price": price is not None
            and hit.price_from is not None
            and price < hit.price_from,
        }

    def active_filters(self):
        """Each selected value, with the query that removes it (for "remove this filter")."""
        active = []
        if self.query.text:
            active.append(
                {
                    "label": gettext("Words: “%(text)s”") % {"text": self.query.text},
                    "params": replace(self.query, text="", page=1).to_params(),
                }
            )
        for facet in FACETS:
            for value in self.query.values(facet):
                active.append(
                    {
                        "label": f"{FACET_LABELS[facet]}: {self.catalog.label(facet, value)}",
                        "params": self.query.without(facet, value).to_params(),
                    }
                )
        return active

    def related_needs(self):
        """Needs near the ones searched (same categories), most services first."""
        needs = self.catalog.options["need"]
        chosen = set(self.query.values("need"))
        categories = set(self.query.values("category"))
        categories |= {need.parent for need in needs if need.value in chosen}
        counts = self.result.facets.get("need", {})
        related = [
            need
            for need in needs
            if need.value not in chosen and (not categories or need.parent in categories)
        ]
        related.sort(key=lambda need: -counts.get(need.value, 0))
        return [{"value": need.value, "label": need.label} for need in related[:6]]


def run_search(params, language, price_share=Decimal(100)):
    """Search with request parameters. Raises ``BadSearchRequest`` or ``SearchUnavailable``.

    ``price_share`` is the share (%) of Comune tariffs the searching household pays
    (``IseeStrategy.price_share``): prices are shown and sorted as it pays them.
    """
    query, messages = parse_query(params, language)
    query = replace(query, price_share=Decimal(price_share))
    catalog = FacetCatalog.for_language(language)
    query, unknown = catalog.clean(query)
    messages += unknown
    query, _zones = recognise_zones(query, catalog.zone_aliases)
    engine = get_engine()
    result = engine.search(query, catalog.price_bands)
    if result.total and query.page > result.pages:
        messages.append(gettext("That page number does not exist: showing the last page."))
        query = replace(query, page=result.pages)
        result = engine.search(query, catalog.price_bands)
    return SearchOutcome(query=query, result=result, catalog=catalog, messages=messages)
