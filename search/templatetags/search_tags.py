"""Search forms other apps' pages show (the category page's zone and price filters)."""

from django import template
from django.utils.translation import get_language

from ..catalog import FacetCatalog
from ..query import PRICE_FACET

register = template.Library()


@register.inclusion_tag("search/includes/category_filters.html", takes_context=True)
def category_filters(context, category_slug, need_slug=""):
    """Zone and price filters for a need category's listing: they search that category (and
    need) on the search page, which filters by every facet and counts the results."""
    catalog = FacetCatalog.for_language(get_language())
    zones = catalog.options["zone"]
    groups = []
    for option in zones:
        if not option.parent:
            groups.append({"municipio": option, "quartieri": []})
        elif groups and groups[-1]["municipio"].value == option.parent:
            groups[-1]["quartieri"].append(option)
    return {
        "request": context.get("request"),
        "category_slug": category_slug,
        "need_slug": need_slug,
        "zone_groups": groups,
        "price_bands": catalog.options[PRICE_FACET],
    }
