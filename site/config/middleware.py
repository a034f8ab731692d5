from django.middleware import locale
from django.utils.cache import patch_vary_headers
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
