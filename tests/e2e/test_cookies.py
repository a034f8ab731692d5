"""Designers Italia C.SI.3.1: before any consent the site sets only technical cookies, all on
its own domain (see docs/decisions/0004-cookies.md)."""

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.urls import reverse

from .site_data import SEARCH_WORD, build_site

# Strictly necessary cookies (Garante privacy, 10 June 2021 guidelines): security, session,
# basket, language choice, one-shot messages after a form.
TECHNICAL_COOKIES = {
    settings.CSRF_COOKIE_NAME,
    settings.SESSION_COOKIE_NAME,
    settings.LANGUAGE_COOKIE_NAME,
    settings.OSCAR_BASKET_COOKIE_OPEN,
    "messages",
}


@pytest.fixture
def site(live_server, transactional_db):
    return build_site()


def test_anonymous_visit_sets_only_technical_first_party_cookies(page, live_server, site):
    host = urlparse(live_server.url).hostname
    visits = [
        site.url("home", "it"),
        site.url("service", "it"),
        reverse("site-search") + f"?q={SEARCH_WORD}",
        site.url("service", "ar"),
    ]
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlparse(request.url).hostname))
    for path in visits:
        assert page.goto(live_server.url + path).status == 200
    cookies = page.context.cookies()
    names = {cookie["name"] for cookie in cookies}
    assert names <= TECHNICAL_COOKIES, f"non-technical cookies: {names - TECHNICAL_COOKIES}"
    assert all(cookie["domain"].lstrip(".") == host for cookie in cookies)
    # No third-party requests at all: nothing else can set cookies (fonts, scripts, analytics).
    assert requested_hosts == {host}
    # Reading pages does not open a session or a basket.
    assert settings.SESSION_COOKIE_NAME not in names
    assert settings.OSCAR_BASKET_COOKIE_OPEN not in names
