"""Languages in templates: the language switcher, hreflang alternates, the untranslated notice.

For a Wagtail page, each language links to the page's own counterpart in that locale (a real
translation, or the alias wagtail-localize's locale synchronisation keeps of an untranslated
page); languages without a live counterpart are not offered (``content.core.language_links``).
Routable pages keep their sub-path (e.g. a need category under "Servizi"). Any other view
(shop, search, account) switches the language prefix of the current path with Django's
``translate_url``.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from content.core.language_links import (
    absolute_on_request_host,
    canonical_url,
    language_versions,
    routable_suffix,
)

from ..content_cache import cached, language_code_of

register = template.Library()


def bcp47(language_code):
    """Django's ``zh-hans`` written as BCP 47 spells it (``zh-Hans``), for lang and hreflang."""
    language, _, script = language_code.partition("-")
    if len(script) == 4:
        return f"{language}-{script.title()}"
    return language_code


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _language_urls(context):
    """``{language code: (url, LanguageVersion or None)}``: for a Wagtail page, the languages
    that have a live page of it (and only those); for any other view, every configured
    language with the same path under its prefix."""
    request = context.get("request")
    if request is None:
        return {}
    query = f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
    page = _current_page(context)
    urls = {}
    if page is not None:
        versions = language_versions(request, page)
        suffix = routable_suffix(request, page)
        for code, _name in settings.LANGUAGES:
            version = versions.get(code)
            if version is not None:
                urls[code] = (version.url + suffix + query, version)
    else:
        for code, _name in settings.LANGUAGES:
            urls[code] = (translate_url(request.get_full_path(), code), None)
    return urls


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language the reader can switch to: code, BCP 47 tag, name in that
    language, URL of the current page in it, and whether it is the active one. On a Wagtail
    page, a language without a live page of it is left out (its URL would answer 404)."""
    active = get_language()
    links = []
    for code, (url, _version) in _language_urls(context).items():
        links.append(
            {
                "code": code,
                "tag": bcp47(code),
                "name": get_language_info(code)["name_local"],
                "url": url,
                "is_current": code == active,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def language_links_key(context):
    """What the language links of this request depend on besides the language and the
    content version (for ``{% published_fragment %}``): the page and the path. ``None``
    (render afresh) off Wagtail pages and when the address has a query string (kept in the
    links): only the site's own pages are kept, not one entry per address anyone types."""
    request = context.get("request")
    page = _current_page(context)
    if request is None or page is None or request.META.get("QUERY_STRING"):
        return None
    return f"{page.pk}:{request.path}"


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """``<link rel=alternate>`` targets: the page in every language that has a live, public,
    real translation of it (aliases repeat the Italian text and point to it as canonical, so
    they are not alternates), and ``x-default`` for the default language's page. Absolute URLs
    on the request's host, as search engines require. Nothing on other views."""
    request = context.get("request")
    if request is None or _current_page(context) is None:
        return []
    alternates = []
    for code, (url, version) in _language_urls(context).items():
        if version.is_alias or version.restricted:
            continue
        absolute = absolute_on_request_host(request, url)
        alternates.append({"hreflang": bcp47(code), "url": absolute})
        if code == settings.LANGUAGE_CODE:
            alternates.append({"hreflang": "x-default", "url": absolute})
    return alternates


@register.simple_tag(takes_context=True)
def canonical_link(context):
    """The absolute URL for ``<link rel="canonical">`` on a Wagtail page: an alias (Italian
    words under /en/, /ar/...) names its Italian original, every other page itself."""
    request = context.get("request")
    page = _current_page(context)
    if request is None or page is None:
        return None
    return canonical_url(request, page)


@register.simple_tag(takes_context=True)
def untranslated_source(context):
    """When the current page shows words of another language, what the reader is told.

    wagtail-localize's locale synchronisation keeps an alias of every page in every language
    until a translator translates it: an alias in another language than its original shows
    the original's words (``partial`` is False). A translation that has been started but not
    finished falls back to the original's words for its untranslated strings (``partial``).
    """
    page = _current_page(context)
    if page is None or language_code_of(page) == settings.LANGUAGE_CODE:
        return None
    # Once per publish of the page (the base template and the page's own both ask).
    return (
        cached(
            "untranslated-source", lambda: _untranslated_source(page) or "", page.pk, get_language()
        )
        or None
    )


def _untranslated_source(page):
    if page.alias_of_id is not None:
        source, partial = page.alias_of, False
    else:
        translation = (
            Translation.objects.filter(
                source__object_id=page.translation_key, target_locale_id=page.locale_id,
                enabled=True,
            )
            .select_related("source__locale")
            .first()
        )
        if translation is None:
            return None
        total, translated = translation.get_progress()
        if translated >= total:
            return None
        source, partial = translation.source, True
    if source.locale_id == page.locale_id:
        return None
    return {
        "partial": partial,
        "language_code": source.locale.language_code,
        "language_tag": bcp47(source.locale.language_code),
        "language_name": str(get_language_info(source.locale.language_code)["name_translated"]),
        # Italian words on an Arabic page are set left to right, punctuation and all.
        "direction": "rtl" if get_language_info(source.locale.language_code)["bidi"] else "ltr",
    }


def _partial_translation_source(context):
    """``(untranslated, page, source page)`` when the current page is partially translated
    (see :func:`untranslated_source`), else ``None``; computed once per template render."""
    cache = context.render_context
    if "wemi_partial_source" not in cache:
        found = None
        untranslated = untranslated_source(context)
        if untranslated and untranslated["partial"]:
            page = _current_page(context)
            locale = Locale.objects.filter(language_code=untranslated["language_code"]).first()
            source = page.get_translation_or_none(locale) if locale else None
            if source is not None:
                found = (untranslated, page.specific, source.specific)
        cache["wemi_partial_source"] = found
    return cache["wemi_partial_source"]


def in_source_language(page, source, field_name):
    """Whether ``field_name`` of a partially translated ``page`` still shows the source's
    words: wagtail-localize fills the segments not translated yet with the source text, so a
    non-empty value equal to the source page's is in the source language."""
    value = getattr(page, field_name, None)
    return bool(value) and str(value) == str(getattr(source, field_name, None))


@register.simple_tag(takes_context=True)
def field_lang(context, field_name):
    """`` lang="it" dir="ltr"`` for an element showing ``field_name`` of the current page, when
    the page is partially translated and that field is still in the source language (an
    Italian paragraph on an Arabic page is set left to right); ``""`` otherwise.

    ``<p{% field_lang "summary" %}>{{ page.summary }}</p>``
    """
    found = _partial_translation_source(context)
    if found is None:
        return ""
    untranslated, page, source = found
    if not in_source_language(page, source, field_name):
        return ""
    return format_html(
        ' lang="{}" dir="{}"', untranslated["language_tag"], untranslated["direction"]
    )


@register.filter
def language_tag(language_code):
    """``{{ LANGUAGE_CODE|language_tag }}``: the BCP 47 tag for a Django language code."""
    return bcp47(language_code)


# What separates the items of a list, per language (CLDR's "list patterns" middle part):
# the Arabic comma, the Chinese enumeration comma; ", " elsewhere.
LIST_SEPARATORS = {"ar": "، ", "zh-hans": "、"}


def list_separator(language_code=None):
    """The separator between list items in ``language_code`` (the active language)."""
    return LIST_SEPARATORS.get((language_code or get_language() or "").lower(), ", ")


@register.filter
def list_join(items, attribute=""):
    """``{{ zones|list_join:"name" }}``: items (or each one's ``attribute``, called if it is a
    method) joined with the active language's list separator. Escaped as usual."""
    values = []
    for item in items or ():
        value = getattr(item, attribute) if attribute else item
        values.append(str(value() if callable(value) else value))
    return list_separator().join(values)
