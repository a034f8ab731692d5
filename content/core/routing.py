"""Page routing in one query: the page a path leads to is remembered per publish.

Wagtail finds the page for ``/it/enti/cooperativa/servizio/`` by walking the tree, two
queries per level (the child by slug, then its specific page): eight queries for a service
page before anything is shown. The outcome only changes when a page is published,
unpublished, moved or deleted, which bumps the content version
(:mod:`content.core.content_cache`), so the page found for a path (its id and model) is
cached per site, language and version, and a request loads that one page. Routable pages
(the services' need categories) route the rest of the path themselves, as before.

Paths that lead nowhere are not cached (anyone can request any number of them).
"""

from django.apps import apps
from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views

from .content_cache import cached, site_for_request


def _path_components(path):
    return [component for component in path.split("/") if component]


def find_route(request, site, path):
    """``(page id, "app_label.model", components left for the page to route)`` for ``path``
    under ``site`` in the active language. Raises Http404 as Wagtail does."""
    components = _path_components(path)
    root = site.root_page.localized.specific
    page = root.route(request, components)[0]
    consumed = page.depth - root.depth
    return (page.pk, page._meta.label_lower, tuple(components[consumed:]))


def route_for_request(request, path):
    """What ``Page.route_for_request`` returns, with the tree walk cached per publish."""
    site = site_for_request(request)
    if site is None:
        return None
    try:
        route = cached(
            "route", lambda: find_route(request, site, path), site.pk, get_language(), path
        )
    except Http404:  # not cached: anyone can ask for any number of missing paths
        return None
    page_id, model_label, remaining = route
    model = apps.get_model(model_label)
    try:
        page = model.objects.get(pk=page_id)
        return page.route(request, list(remaining))
    except (model.DoesNotExist, Http404):
        return None


def serve(request, path):
    """Wagtail's page view, with the route found as above (``wagtail.views.serve`` reads it
    from ``request._wagtail_route_for_request``)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)

