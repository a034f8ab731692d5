"""``/api/search/``: the same search as JSON, for other channels (see README, "Search")."""

from django.http import JsonResponse
from django.utils import translation
from django.views import View

from ..engines import SearchUnavailable
from ..query import BadSearchRequest
from ..service import run_search
from .pages import household_price_share


class SearchAPIView(View):
    def get(self, request):
        language = request.GET.get("lang") or "it"
        try:
            with translation.override(language):
                outcome = run_search(request.GET, language, household_price_share(request))
                body = _serialize(request, outcome)
        except BadSearchRequest as error:
            return JsonResponse({"error": str(error)}, status=400)
        except SearchUnavailable:
            return JsonResponse(
                {"error": "The search engine is unavailable. Please try again later."}, status=503
            )
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _serialize(request, outcome):
    query, result = outcome.query, outcome.result
    return {
        "query": {
            "lang": query.language,
            "q": query.text,
            "filters": {facet: list(values) for facet, values in query.filters.items()},
            "sort": query.sort,
            "page": query.page,
        },
        "total": result.total,
        "page": query.page,
        "pages": result.pages,
        "per_page": query.per_page,
        "hits": [
            {
                "title": hit["title"],
                "url": request.build_absolute_uri(hit["url"]),
                "summary": hit["summary"],
                "provider": hit["provider"],
                "zones": [
                    {"slug": slug, "name": name}
                    for slug, name in zip(hit["zone_slugs"], hit["zones"], strict=True)
                ]
                if not hit["whole_city"]
                else [],
                "serves_whole_city": hit["whole_city"],
                "audiences": [
                    {"slug": slug, "name": name}
                    for slug, name in zip(hit["audience_slugs"], hit["audiences"], strict=True)
                ],
                "price_from": None if hit["price_from"] is None else str(hit["price_from"]),
                "price_unit": hit["price_unit"],
                "your_price": None if hit["price"] is None else str(hit["price"]),
            }
            for hit in outcome.hits()
        ],
        "facets": {
            group["name"]: [
                {key: option[key] for key in ("value", "label", "count", "selected")}
                for option in group["options"]
            ]
            for group in outcome.facet_groups()
        },
        "messages": outcome.messages,
    }
