"""Languages in templates: the language switcher, hreflang alternates, the untranslated notice.

For a Wagtail page, each language links to the page's own counterpart in that locale (a real
translation, or the alias wagtail-localize's locale synchronisation keeps of an untranslated
page). Routable pages keep their sub-path (e.g. a need category under "Servizi"). Any other
view (shop, search, account) switches the language prefix of the current path with Django's
``translate_url``.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page
from wagtail_localize.models import Translation

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


def _page_counterparts(page):
    """Live pages sharing the page's translation key (translations and aliases), by language."""
    return {
        counterpart.locale.language_code: counterpart
        for counterpart in page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
    }


def _routable_suffix(request, page):
    """The part of the request path a routable page serves beyond its own URL."""
    page_url = page.get_url(request)
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def _language_urls(context):
    """``{language code: (url, page or None)}`` for every configured language."""
    request = context.get("request")
    page = _current_page(context)
    urls = {}
    if request is None:
        return urls
    # Once per request: the switcher and the hreflang links are in different templates.
    cache = request.__dict__.setdefault("_wemi_language_urls", {})
    cache_key = (page.pk if page is not None else None, request.get_full_path())
    if cache_key in cache:
        return cache[cache_key]
    query = f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
    if page is not None:
        counterparts = _page_counterparts(page)
        suffix = _routable_suffix(request, page)
        for code, _name in settings.LANGUAGES:
            counterpart = counterparts.get(code)
            if counterpart is not None:
                urls[code] = (counterpart.get_url(request) + suffix + query, counterpart)
            else:
                # No counterpart in that language (the page was just created and the
                # locale is not synchronised): the prefix switch lands on the closest URL.
                urls[code] = (translate_url(request.get_full_path(), code), None)
    else:
        for code, _name in settings.LANGUAGES:
            urls[code] = (translate_url(request.get_full_path(), code), None)
    cache[cache_key] = urls
    return urls


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language for the switcher: code, BCP 47 tag, name in that language,
    URL of the current page in it, and whether it is the active one."""
    active = get_language()
    urls = _language_urls(context)
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = urls.get(code, (translate_url("/", code), None))[0]
        links.append(
            {
                "code": code,
                "tag": bcp47(code),
                "name": info["name_local"],
                "url": url,
                "is_current": code == active,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """``<link rel=alternate>`` targets: the page in every language that has a real
    translation of it (aliases repeat the Italian text, so they are not alternates),
    and ``x-default`` for the default language. Absolute URLs, as search engines require."""
    request = context.get("request")
    if request is None:
        return []
    alternates = []
    for code, (url, counterpart) in _language_urls(context).items():
        if counterpart is not None and counterpart.alias_of_id is not None:
            continue
        absolute = request.build_absolute_uri(url)
        alternates.append({"hreflang": bcp47(code), "url": absolute})
        if code == settings.LANGUAGE_CODE:
            alternates.append({"hreflang": "x-default", "url": absolute})
    return alternates


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
