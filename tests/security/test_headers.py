"""Headers and cookies (issue 12): Content-Security-Policy with a nonce on the public site and
a policy for the admin, Permissions-Policy, private pages never stored, SameSite cookies."""

import re

import pytest
from django.urls import reverse

from tests.marketplace.helpers import add_to_basket_url, basket_post, checkout_to_preview

pytestmark = pytest.mark.django_db
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style([^>]*)>", re.IGNORECASE)


def policy(response):
    return dict(
        (part.split()[0], part.split()[1:])
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


def assert_inline_code_carries_the_nonce(response):
    directives = policy(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    page = response.content.decode()
    nonces = {
        value[len("'nonce-") : -1]
        for value in directives["script-src"]
        if value.startswith("'nonce-")
    }
    for pattern in (INLINE_SCRIPT, INLINE_STYLE):
        for attributes in pattern.findall(page):
            if 'type="application/ld+json"' in attributes:
                continue  # data, not code: never executed
            match = re.search(r'nonce="([^"]+)"', attributes)
            assert match and match.group(1) in nonces, attributes
    assert " style=" not in page.replace("<svg", "")  # no inline style attributes


@pytest.fixture
def logged_in(client, citizen):
    client.force_login(citizen)
    return client


def test_public_pages_have_a_nonce_policy(client, service, accredited_offer):
    for url in ["/it/", service.url, "/it/shop/accounts/login/", "/it/cerca/", "/it/shop/basket/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'self'"]
        assert_inline_code_carries_the_nonce(response)


def test_pages_with_inline_scripts_get_a_fresh_nonce(logged_in, citizen):
    first = logged_in.get("/it/shop/isee/")
    second = logged_in.get("/it/shop/isee/")
    assert_inline_code_carries_the_nonce(first)
    assert_inline_code_carries_the_nonce(second)
    assert policy(first)["script-src"] != policy(second)["script-src"]


def test_the_checkout_scripts_carry_the_nonce(
    logged_in, service, accredited_offer, zones, tomorrow
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    preview = checkout_to_preview(logged_in)
    assert preview.status_code == 200
    assert_inline_code_carries_the_nonce(preview)
    assert_inline_code_carries_the_nonce(logged_in.get(reverse("checkout:contact")))
    assert_inline_code_carries_the_nonce(logged_in.get(reverse("basket:summary")))


def test_the_admin_has_its_own_policy(client):
    response = client.get("/cms/login/")
    directives = policy(response)
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    # Wagtail writes inline scripts: allowed there without a nonce (which would void it).
    assert "'unsafe-inline'" in directives["script-src"]
    assert not any(value.startswith("'nonce-") for value in directives["script-src"])


def test_every_response_has_a_permissions_policy(client):
    for url in ["/it/", "/cms/login/", "/api/v2/pages/"]:
        header = client.get(url)["Permissions-Policy"]
        assert "camera=()" in header and "geolocation=()" in header and "microphone=()" in header


PERSONAL_PAGES = [
    "/it/shop/basket/",
    "/it/shop/accounts/",
    "/it/shop/accounts/profile/",
    "/it/shop/accounts/orders/",
    "/it/shop/accounts/emails/",
    "/it/shop/isee/",
    "/it/shop/checkout/contact/",
    "/en/shop/accounts/profile/",
]


@pytest.mark.parametrize("url", PERSONAL_PAGES)
def test_personal_pages_are_never_stored(logged_in, url):
    response = logged_in.get(url)
    assert response["Cache-Control"] == "private, no-store", url
    assert "Expires" not in response


def test_the_order_detail_is_never_stored(logged_in, service, accredited_offer, zones, tomorrow):
    from oscar.core.loading import get_model

    from tests.marketplace.helpers import place_order

    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    checkout_to_preview(logged_in)
    place_order(logged_in)
    order = get_model("order", "Order").objects.get()
    response = logged_in.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_personal_paths_are_not_stored_either(client):
    for url in ["/it/shop/basket/", "/it/shop/accounts/login/", "/es/shop/checkout/"]:
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, home_page):
    assert "no-store" not in client.get("/it/").get("Cache-Control", "")


def test_any_page_for_a_logged_in_citizen_is_private(logged_in, home_page):
    assert logged_in.get("/it/")["Cache-Control"] == "private, no-store"


def test_the_basket_cookie_is_samesite_lax(client, service, accredited_offer, zones, tomorrow):
    response = client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    assert response.status_code == 302
    cookie = response.cookies["oscar_open_basket"]
    assert cookie["samesite"] == "Lax" and cookie["httponly"]


def test_session_and_csrf_cookies_are_samesite_lax(client, citizen):
    response = client.post(
        "/it/shop/accounts/login/",
        {"login-username": citizen.email, "login-password": "wemi-cittadino", "login_submit": "1"},
    )
    assert response.cookies["sessionid"]["samesite"] == "Lax"
    assert response.cookies["sessionid"]["httponly"]
