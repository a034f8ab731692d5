"""The search page: a GET form that works without JavaScript, enhanced by ``search.js``."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, gettext
from django.views import View
from oscar.core.loading import get_class

from marketplace.pricing import rules

from ..engines import SearchUnavailable
from ..query import SORTS, BadSearchRequest
from ..service import run_search

PARTIAL_HEADER = "X-Requested-With"
Selector = get_class("partner.strategy", "Selector")


class SearchView(View):
    template_name = "search/search.html"
    partial_template_name = "search/includes/search_panel.html"

    def get(self, request):
        partial = request.headers.get(PARTIAL_HEADER) == "fetch"
        template = self.partial_template_name if partial else self.template_name
        context = {"sorts": SORTS}
        status = 200
        try:
            outcome = run_search(request.GET, get_language(), household_price_share(request))
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
                facet_groups=outcome.facet_groups(),
                active_filters=[
                    {**item, "url": "?" + urlencode(item["params"])}
                    for item in outcome.active_filters()
                ],
                related_needs=outcome.related_needs() if not outcome.result.total else [],
                messages_for_search=outcome.messages,
                price_note=price_note(request),
                previous_url=_page_url(query, query.page - 1) if query.page > 1 else "",
                next_url=(
                    _page_url(query, query.page + 1) if query.page < outcome.result.pages else ""
                ),
                page_links=[
                    {"number": number, "url": _page_url(query, number)}
                    for number in _page_window(query.page, outcome.result.pages)
                ],
            )
        response = render(request, template, context, status=status)
        patch_vary_headers(response, [PARTIAL_HEADER])
        return response


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


def _page_url(query, number):
    return "?" + urlencode(query.to_params(page=number))


def _page_window(current, last, width=2):
    return list(range(max(1, current - width), min(last, current + width) + 1))
