"""The search page: a GET form that works without JavaScript, enhanced by ``search.js``."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.views import View

from ..engines import SearchUnavailable
from ..query import SORTS, BadSearchRequest
from ..service import run_search

PARTIAL_HEADER = "X-Requested-With"


class SearchView(View):
    template_name = "search/search.html"
    partial_template_name = "search/includes/search_panel.html"

    def get(self, request):
        partial = request.headers.get(PARTIAL_HEADER) == "fetch"
        template = self.partial_template_name if partial else self.template_name
        context = {"sorts": SORTS}
        status = 200
        try:
            outcome = run_search(request.GET, get_language())
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


def _page_url(query, number):
    return "?" + urlencode(query.to_params(page=number))


def _page_window(current, last, width=2):
    return list(range(max(1, current - width), min(last, current + width) + 1))
