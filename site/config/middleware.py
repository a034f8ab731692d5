import re
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
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


def client_ip_address(request):
    """The client's IP address (str) for login throttling: the same address the feedback
    limits count (``content.feedback.ratelimit.client_address``, see its docstring)."""
    from content.feedback.ratelimit import client_address

    return client_address(request)


def login_username(request, credentials=None):
    """The account a login attempt is for (str, lower case), for login throttling: the
    ``username`` that authenticate() received (the email, on both logins), else the
    storefront's or the admin's form field."""
    username = (credentials or {}).get("username")
    if not username and request is not None:
        data = getattr(request, "POST", {})
        username = data.get("login-username") or data.get("username")
    return (username or "").strip().lower() or None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy under ``ADMIN_URL_PREFIXES``.

    Public pages get ``CONTENT_SECURITY_POLICY``: inline scripts and styles run only with the
    response's nonce (``{{ request.csp_nonce }}`` in templates). Wagtail's and Django's admin
    write inline scripts and styles of their own, so they get ``ADMIN_CONTENT_SECURITY_POLICY``
    without a nonce (a nonce would make browsers ignore ``'unsafe-inline'``).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_URL_PREFIXES):
            parts.replace = dict(settings.ADMIN_CONTENT_SECURITY_POLICY)
            parts.nonce = None
        return parts


class PrivacyHeadersMiddleware:
    """Headers and cookie attributes every response gets.

    - ``Permissions-Policy``: the browser features WeMi never uses are refused
      (``PERMISSIONS_POLICY``).
    - ``Cache-Control: private, no-store`` on every response to a logged-in visitor and on
      every page under ``PRIVATE_PATH_PREFIXES`` (after the language prefix): orders,
      basket, profile, account emails, checkout, ISEE, receipts. Neither a shared cache nor
      the browser's back button on a shared computer keeps a copy.
    - Cookies set without a ``SameSite`` attribute (Oscar's basket and history cookies) get
      ``SameSite=Lax``.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
        prefixes = "|".join(re.escape(prefix) for prefix in settings.PRIVATE_PATH_PREFIXES)
        self.private_path = re.compile(rf"^/(?:(?:{languages})/)?(?:{prefixes})")

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if self.is_private(request):
            response.headers.pop("Expires", None)
            response["Cache-Control"] = "private, no-store"
        for morsel in response.cookies.values():
            if not morsel["samesite"]:
                morsel["samesite"] = "Lax"
        return response

    def is_private(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        return bool(self.private_path.match(request.path_info))


class SessionIdleTimeoutMiddleware:
    """Logs out a session that lasts until the browser closes after
    ``WEMI_SESSION_IDLE_TIMEOUT`` seconds without a request.

    A citizen who logs in on a shared computer without "remember me" and walks away is
    logged out for the next person. "Remember me" sessions (a fixed expiry) are left alone.
    The time of the last request is written at most once a minute.
    """

    key = "_wemi_last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        if authenticated and request.session.get_expire_at_browser_close():
            now = int(time.time())
            last = request.session.get(self.key)
            if last is not None and now - last > settings.WEMI_SESSION_IDLE_TIMEOUT:
                logout(request)
            elif last is None or now - last >= 60:
                request.session[self.key] = now
        return self.get_response(request)

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
