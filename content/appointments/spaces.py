"""Finding Spazi by their key, in the reader's language."""

from django.conf import settings
from django.http import Http404
from wagtail.models import Locale

from content.spaces.models import SpacePage


def italian_spaces():
    """The live Italian Spazi pages (the source of their facts), by title."""
    return (
        SpacePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("title")
    )


def space_in_language(space_key, language=None):
    """The live page of the Spazio ``space_key`` in ``language`` (the active one), else the
    Italian page; raises Http404 when there is no such live Spazio."""
    pages = SpacePage.objects.live().filter(translation_key=space_key)
    locale = (
        Locale.get_active()
        if language is None
        else Locale.objects.filter(language_code=language).first()
    )
    page = (locale and pages.filter(locale=locale).first()) or pages.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if page is None:
        raise Http404("no such Spazio")
    return page


def spaces_by_key(keys, language=None):
    """``{space_key: page}`` in the active language (Italian where not translated)."""
    return {key: space_in_language(key, language) for key in keys}
