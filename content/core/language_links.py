"""A page in the other languages: the switcher's links, hreflang alternates and the canonical URL.

Every language tree holds, for each Italian page, a real translation or an alias of it
(decision 0003), all sharing the page's ``translation_key``. A page can also exist in fewer
languages (one created in the English tree only, an alias not made yet, a translation taken
down): only the languages with a *live* page are offered, never a URL that answers 404.

:func:`language_versions` finds them with one query per request and page (the switcher in the
header and the alternates in ``<head>`` are separate template renders; both read the same
result, kept on the request).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from wagtail.models import Page, PageViewRestriction

REQUEST_CACHE = "_wemi_language_versions"


@dataclass(frozen=True)
class LanguageVersion:
    """The page in one language. ``url`` is relative (no host); ``is_alias`` when it shows
    another page's words (an untranslated page); ``restricted`` when a view restriction
    (private, password, groups) covers it or one of its ancestors."""

    language_code: str
    page: Page
    url: str
    is_alias: bool
    restricted: bool


def restricted_expression():
    """``Exists(...)``: the page or one of its ancestors carries a view restriction (a page's
    materialised path starts with each ancestor's path). An annotation, so it costs no query
    of its own, unlike ``PageQuerySet.public()``."""
    return Exists(
        PageViewRestriction.objects.annotate(
            page_path=ExpressionWrapper(OuterRef("path"), output_field=CharField())
        ).filter(
            page_path__startswith=F("page__path")
        )
    )


def routable_suffix(request, page):
    """The part of the request path a routable page serves beyond its own URL
    (``assistenza-domiciliare/`` under the services index), or ``""``."""
    page_url = page.get_url(request)
    if request is not None and page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def language_versions(request, page):
    """``{language code: LanguageVersion}`` of the live pages sharing ``page``'s
    ``translation_key`` (translations and aliases; ``page`` itself included even when it is a
    draft being previewed). One query, cached on ``request`` for that page."""
    cache = getattr(request, REQUEST_CACHE, None) if request is not None else None
    if cache is not None and page.pk in cache:
        return cache[page.pk]
    counterparts = (
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .select_related("locale")
        .annotate(restricted=restricted_expression())
        .order_by("pk")
    )
    versions = {}
    for counterpart in counterparts:
        url = page.get_url(request) if counterpart.pk == page.pk else counterpart.get_url(request)
        if url is None:  # not routable (outside every Site)
            continue
        versions.setdefault(
            counterpart.locale.language_code,
            LanguageVersion(
                language_code=counterpart.locale.language_code,
                page=counterpart,
                url=url,
                is_alias=counterpart.alias_of_id is not None,
                restricted=counterpart.restricted,
            ),
        )
    if request is not None and not any(v.page.pk == page.pk for v in versions.values()):
        # A draft in preview, or a page outside the live tree: its language is itself.
        own_code = page.locale.language_code
        versions[own_code] = LanguageVersion(
            language_code=own_code,
            page=page,
            url=page.get_url(request) or request.path,
            is_alias=page.alias_of_id is not None,
            restricted=False,
        )
    if request is not None:
        if cache is None:
            cache = {}
            setattr(request, REQUEST_CACHE, cache)
        cache[page.pk] = versions
    return versions


def canonical_page(page, versions):
    """The page whose URL is canonical for ``page``: an alias shows its original's words, so
    the original (when it is live and public); any other page is its own canonical."""
    if page.alias_of_id is None:
        return page
    for version in versions.values():
        if version.page.pk == page.alias_of_id:
            return None if version.restricted else version.page
    original = Page.objects.live().filter(pk=page.alias_of_id).public().first()
    return original


def canonical_url(request, page):
    """Absolute canonical URL of ``page`` for ``<link rel="canonical">``: the original's URL
    for an alias, the page's own otherwise, with the sub-path a routable page serves and
    without the query string. Built on the request's host. ``None`` when there is none."""
    versions = language_versions(request, page)
    target = canonical_page(page, versions) or page
    url = next(
        (version.url for version in versions.values() if version.page.pk == target.pk), None
    ) or target.get_url(request)
    if not url:
        return None
    return absolute_on_request_host(request, url + routable_suffix(request, page))


def absolute_on_request_host(request, url):
    """``url`` (relative, or absolute on the Site's configured host) made absolute on the
    host and scheme the request came in on: the demo Site is ``localhost``, while readers and
    crawlers reach the portal under its public name."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return request.build_absolute_uri(path)
