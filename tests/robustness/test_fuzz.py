"""Bounded fuzzing (hypothesis): the search API, the site search, the pages API, the booking
form and the checkout forms never answer a 5xx, whatever they receive (issue 11).

A few dozen examples per entry point, no deadline: the whole file stays well under a
minute. Texts cover every Unicode category, lone surrogates (sent as their raw bytes),
NUL and the syntax characters of the search engines.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.indexing import rebuild_index
from tests.marketplace.helpers import add_to_basket_url, basket_post

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=24,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SYNTAX = ['"', "'", "\x00", "*", "(", ")", ":", "-", "^", "NEAR", "OR", "AND", "%", "_", "\\"]
texts = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(SYNTAX) | st.text(max_size=5), max_size=8).map("".join),
    st.sampled_from(["", " ", "anziani", "badante", "1", "-1", "99999999999999999999"]),
)
LANGUAGES = ["it", "en", "ar", "zh-hans", "es"]
languages = st.sampled_from(LANGUAGES) | texts


def encode(params):
    """A query string (lone surrogates as their raw bytes, as a broken client sends them)."""

    def raw(text):
        return quote(text, safe="", errors="surrogatepass")

    return "&".join(f"{raw(key)}={raw(value)}" for key, value in params)


search_params = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "q",
                "lang",
                "need",
                "zone",
                "audience",
                "language",
                "price",
                "sharable",
                "provider",
                "sort",
                "page",
            ]
        )
        | texts,
        texts,
    ),
    max_size=8,
)


@pytest.fixture
def indexed(service):
    rebuild_index()
    return service


@FUZZ
@given(params=search_params)
def test_search_api(indexed, params):
    response = Client().get(f"/api/search/?{encode(params)}")
    assert response.status_code < 500, params


@FUZZ
@given(language=st.sampled_from(LANGUAGES), params=search_params)
def test_site_search(indexed, language, params):
    response = Client().get(f"/{language}/cerca/?{encode(params)}")
    assert response.status_code < 500, params


api_params = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "type",
                "fields",
                "search",
                "search_operator",
                "order",
                "limit",
                "offset",
                "child_of",
                "ancestor_of",
                "descendant_of",
                "locale",
                "translation_of",
                "slug",
                "id",
                "html_path",
                "title",
                "site",
            ]
        )
        | texts,
        texts,
    ),
    max_size=6,
)


@FUZZ
@given(
    endpoint=st.sampled_from(["pages/", "pages/find/", "images/", "documents/", "documents/find/"]),
    params=api_params,
)
def test_pages_api(indexed, endpoint, params):
    response = Client().get(f"/api/v2/{endpoint}?{encode(params)}")
    assert response.status_code < 500, (endpoint, params)


@FUZZ
@given(
    fields=st.fixed_dictionaries(
        {},
        optional={
            "offer": texts,
            "quantity": texts | st.integers(-(10**20), 10**20).map(str),
            "start_date": texts | st.dates().map(str),
            "frequency": texts | st.sampled_from(["once", "weekly"]),
            "street": texts,
            "zone": texts,
        },
    )
)
def test_booking_form(citizen, accredited_offer, zones, service, tomorrow, fields):
    client = Client()
    client.force_login(citizen)
    data = {**basket_post(accredited_offer, zones["citta_studi"], tomorrow), **fields}
    response = client.post(add_to_basket_url(service), data)
    assert response.status_code < 500, fields


@FUZZ
@given(
    contact=st.fixed_dictionaries({}, optional={"name": texts, "phone": texts, "notes": texts}),
    method=texts | st.sampled_from(["pay-provider"]),
    action=texts | st.sampled_from(["place_order"]),
    consent=texts | st.sampled_from(["on"]),
)
def test_checkout_forms(
    citizen, accredited_offer, zones, service, tomorrow, contact, method, action, consent
):
    client = Client()
    client.force_login(citizen)
    client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    for url, data in [
        (reverse("checkout:contact"), contact),
        (reverse("checkout:payment-method"), {"method": method}),
        (reverse("checkout:preview"), {"action": action, "consent": consent}),
    ]:
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)
