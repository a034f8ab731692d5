from django.http import QueryDict
from django.middleware import locale
from django.utils.cache import patch_vary_headers
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import get_language


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 under a path that carries no language
    (API, admin, documents, static files) stays a 404 there.

    Django answers a 404 without a language prefix with a redirect to the same path with one
    whenever that path resolves, and Wagtail's catch-all resolves every path: an API client
    asking for /api/v2/pages/0/nothing/ got a redirect to an HTML page under /it/.
    """

    paths_without_language = (
        "/api/", "/cms/", "/django-admin/", "/documents/", "/static/", "/media/", "/health/"
    )

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            self.paths_without_language
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)


class QueryStringMiddleware:
    """Read the query string once, before any view, so that its faults are answered alike.

    - More parameters than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``: Django raises
      ``TooManyFieldsSent`` here, which ``handler400`` answers with the site's 400 page, on
      every address (before, a page that never read the query string answered 404 or 200,
      and one that did answered 500).
    - NUL bytes are taken out of the parameters (``?q=a%00b`` reads ``a b``): no database
      stores a NUL in text (PostgreSQL refuses any string parameter holding one, SQLite's
      full text stops reading at it), so a ``%00`` in any parameter turned a lookup, a search
      or a filter into a 500. Form fields already refuse NUL in posted data (Django's
      ``ProhibitNullCharactersValidator``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET  # noqa: B018 (raises TooManyFieldsSent: a 400)
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", " "), [value.replace("\x00", " ") for value in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class MissingFormFieldMiddleware:
    """A request that lacks a field its view reads is a bad request (400), not a 500.

    Views and widgets read submitted data with ``request.POST[name]``; a missing name raises
    ``MultiValueDictKeyError``. Wagtail's StreamField reads its ``<name>-count`` management
    field that way: a page edit POST without ``faq-count`` answered 500. Browsers always send
    the fields of the forms they were given, so a missing one is a truncated or forged
    request: it gets the site's 400 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            from .views import bad_request

            return bad_request(request, exception)
        return None
