import re
import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.auth import logout
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


def client_ip_address(request):
    """The client's IP address (str) for login throttling.

    ``REMOTE_ADDR``, or behind ``WEMI_TRUSTED_PROXY_COUNT`` reverse proxies the address the
    outermost trusted proxy saw: the N-th entry from the right of ``X-Forwarded-For`` (entries
    further left are written by the client and could be forged).
    """
    proxies = settings.WEMI_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


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
