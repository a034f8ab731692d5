"""Wagtail's database search backend (admin search, the pages API's ``?search=``), with the
query text cleaned first.

Configured in ``WAGTAILSEARCH_BACKENDS``. Wagtail's SQLite backend puts each word between
double quotes without escaping the quotes inside it, and neither SQLite's full text nor
PostgreSQL accept a NUL byte: a lone ``"`` or a ``%00`` in the admin's search box answered
500. The text goes through ``search.sanitize.clean_search_text``; an operator other than
``and``/``or`` raises ``ValueError`` as Wagtail's backends do (the API answers it with 400).
"""

from django.db.models import QuerySet
from wagtail.search.backends import database
from wagtail.search.query import PlainText

from .sanitize import clean_search_text

OPERATORS = {"and", "or"}


def _clean(query):
    if isinstance(query, str):
        return clean_search_text(query)
    if isinstance(query, PlainText):
        return PlainText(
            clean_search_text(query.query_string), operator=query.operator, boost=query.boost
        )
    return query


def _nothing(model_or_queryset):
    """An empty queryset of the searched model (what a search for no words finds)."""
    if isinstance(model_or_queryset, QuerySet):
        return model_or_queryset.none()
    return model_or_queryset._default_manager.none()


def _is_empty(query):
    return query == "" or (isinstance(query, PlainText) and not query.query_string)


class CleanQueryMixin:
    """A text left empty by cleaning (``"`` alone) finds nothing: an empty queryset, as the
    admin's listings expect (Wagtail's own empty result has no model to list)."""

    def search(self, query, model_or_queryset, *args, **kwargs):
        query = _clean(query)
        if _is_empty(query):
            return _nothing(model_or_queryset)
        return super().search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        query = _clean(query)
        if _is_empty(query):
            return _nothing(model_or_queryset)
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database.SearchBackend(params)
    backend.__class__ = type(f"Clean{type(backend).__name__}", (CleanQueryMixin, type(backend)), {})
    return backend
