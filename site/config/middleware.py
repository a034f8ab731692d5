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


class SharedCacheMiddleware:
    """Public pages for anonymous visitors without ``Vary: Cookie``, so that a shared cache
    (Varnish, deploy/varnish/wemi.vcl) may keep one copy for all of them.

    Django adds ``Vary: Cookie`` whenever the session was looked at, and every page looks (the
    header asks whether the visitor is logged in). For an anonymous GET whose response sets
    no cookie, the page is the same for every anonymous visitor; logged-in visitors, whose
    pages differ, carry a session cookie, and the proxy never serves them from the cache.
    The admin, the shop and error responses keep their headers. Goes before
    SessionMiddleware (so that it sees the response after it).
    """

    private_prefixes = ("/cms/", "/django-admin/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
            and response.has_header("Vary")
            and not getattr(getattr(request, "user", None), "is_authenticated", True)
            and not request.path_info.startswith(self.private_prefixes)
            and "/shop/" not in request.path_info
        ):
            kept = [
                value.strip()
                for value in response["Vary"].split(",")
                if value.strip() and value.strip().lower() != "cookie"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
