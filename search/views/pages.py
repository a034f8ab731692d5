"""The search page: a GET form that works without JavaScript, enhanced by ``search.js``."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext
from django.views import View
from oscar.core.loading import get_class

from marketplace.pricing import rules

from ..documents import CATALOGUE_0_18
from ..engines import SearchUnavailable
from ..query import PRICE_FACET, SORTS, BadSearchRequest
from ..service import run_search

PARTIAL_HEADER = "X-Requested-With"
Selector = get_class("partner.strategy", "Selector")


class SearchView(View):
    template_name = "search/search.html"
    partial_template_name = "search/includes/search_panel.html"
    #: Filters the page always applies, not shown nor in its links: ``{facet: (values)}``.
    fixed_filters = {}
    #: Facets offered only once chosen (in a link), in the order of ``FACETS`` otherwise.
    hidden_facets = {"age"}
    #: Facets shown first, in this order.
    first_facets = ()

    def search_params(self, request):
        params = request.GET.copy()
        for facet, values in self.fixed_filters.items():
            params.setlist(facet, list(values))
        return params

    def url_params(self, params):
        """Query-string parameters without the page's fixed filters."""
        return [(name, value) for name, value in params if name not in self.fixed_filters]

    def facet_groups(self, outcome):
        groups = [
            group
            for group in outcome.facet_groups()
            if group["name"] not in self.fixed_filters
            and (group["name"] not in self.hidden_facets or group["selected"])
        ]
        first = [name for name in self.first_facets if name in {g["name"] for g in groups}]
        return sorted(
            groups,
            key=lambda group: first.index(group["name"]) if group["name"] in first else len(first),
        )

    def extra_context(self, request, outcome):
        return {}

    def get(self, request):
        partial = request.headers.get(PARTIAL_HEADER) == "fetch"
        template = self.partial_template_name if partial else self.template_name
        context = {"sorts": SORTS, "search_url": request.path}
        status = 200
        try:
            outcome = run_search(
                self.search_params(request), get_language(), household_price_share(request)
            )
        except BadSearchRequest as error:
            context["error"] = str(error)
            status = 400
        except SearchUnavailable:
            context["unavailable"] = True
            status = 503
        else:
            query = outcome.query
            context.update(
                outcome=outcome,
                query=query,
                result=outcome.result,
                hits=outcome.hits(),
                facet_groups=self.facet_groups(outcome),
                active_filters=[
                    {**item, "url": "?" + urlencode(self.url_params(item["params"]))}
                    for item in outcome.active_filters()
                    if item["label"] not in self._fixed_labels(outcome)
                ],
                related_needs=outcome.related_needs() if not outcome.result.total else [],
                messages_for_search=outcome.messages,
                price_note=price_note(request),
                previous_url=self._page_url(query, query.page - 1) if query.page > 1 else "",
                next_url=(
                    self._page_url(query, query.page + 1)
                    if query.page < outcome.result.pages
                    else ""
                ),
                page_links=[
                    {"number": number, "url": self._page_url(query, number)}
                    for number in _page_window(query.page, outcome.result.pages)
                ],
            )
            context.update(self.extra_context(request, outcome))
        response = render(request, template, context, status=status)
        patch_vary_headers(response, [PARTIAL_HEADER])
        return response


    def _fixed_labels(self, outcome):
        from ..catalog import FACET_LABELS

        return {
            f"{FACET_LABELS[facet]}: {outcome.catalog.label(facet, value)}"
            for facet, values in self.fixed_filters.items()
            for value in values
        }

    def _page_url(self, query, number):
        return "?" + urlencode(self.url_params(query.to_params(page=number)))


def pricing_strategy(request):
    """The request's pricing strategy (Oscar's basket middleware sets it), else a new one."""
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        strategy = Selector().strategy(request=request, user=getattr(request, "user", None))
    return strategy


def household_price_share(request):
    """The share (%) of Comune tariffs the person searching pays (100 when anonymous)."""
    return getattr(pricing_strategy(request), "price_share", 100)


def price_note(request):
    """Which prices the results show, and how to see lower ones: ``{personal, text, link}``."""
    user = request.user
    if not user.is_authenticated:
        login = reverse("customer:login") + "?" + urlencode({"next": request.get_full_path()})
        return {
            "personal": False,
            "text": gettext(
                "Prices are full prices. Accredited services cost much less with an ISEE: "
                "log in to see the price you pay."
            ),
            "link_url": login,
            "link_text": gettext("Log in"),
        }
    strategy = pricing_strategy(request)
    band = strategy.band
    declaration = strategy.isee_declaration
    if declaration is None or strategy.isee_notice or band is None:
        return {
            "personal": True,
            "text": gettext(
                "You have no valid ISEE: prices are full tariffs. With an ISEE, accredited "
                "services cost you less, or nothing."
            ),
            "link_url": reverse("marketplace_pricing:isee-declaration"),
            "link_text": gettext("Declare your ISEE"),
        }
    explanation = rules.share_explanation(declaration.value, band)
    return {
        "personal": True,
        "text": gettext("Prices are what you pay for each service's cheapest offer.")
        + " "
        + explanation,
        "link_url": "",
        "link_text": "",
    }


def _page_window(current, last, width=2):
    return list(range(max(1, current - width), min(last, current + width) + 1))


class MinorsCatalogueView(SearchView):
    """"Milano 0-18": the catalogue of activities for minors, searched like every service,
    with the child's age and the kind of activity first."""

    template_name = "search/minors_catalogue.html"
    fixed_filters = {"catalogue": (CATALOGUE_0_18,)}
    hidden_facets = set()
    first_facets = ("age", "activity", PRICE_FACET, "zone")

    def extra_context(self, request, outcome):
        return {"hits": catalogue_hits(outcome.hits())}


def catalogue_hits(hits):
    """Hits with their ages, kind of activity and whether they are free (``cost_badge``),
    read from the services' Italian pages in one query."""
    from content.services.minors import ActivityKind
    from content.services.models import ServicePage

    facts = {
        str(key): (age_from, age_to, kind)
        for key, age_from, age_to, kind in ServicePage.objects.filter(
            translation_key__in=[hit["translation_key"] for hit in hits],
            locale__language_code=settings.LANGUAGE_CODE,
        ).values_list("translation_key", "age_from", "age_to", "activity_kind")
    }
    labels = dict(ActivityKind.choices)
    decorated = []
    for hit in hits:
        age_from, age_to, kind = facts.get(hit["translation_key"], (None, None, ""))
        decorated.append(
            {
                **hit,
                "ages": age_range_label(age_from, age_to),
                "activity": str(labels.get(kind, "")),
                "cost_badge": ""
                if hit["price"] is None
                else ("free" if hit["price"] == 0 else "paid"),
            }
        )
    return decorated


def age_range_label(age_from, age_to):
    """"6 to 10 years", "from 3 years", "up to 5 years", or "" when no age is stated."""
    if age_from is None and age_to is None:
        return ""
    if age_to is None:
        return gettext("from %(from)d years") % {"from": age_from}
    if age_from is None or age_from == 0:
        return gettext("up to %(to)d years") % {"to": age_to}
    return gettext("%(from)d to %(to)d years") % {"from": age_from, "to": age_to}
