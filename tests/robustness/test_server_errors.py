"""Inputs that answered 500 (issue 11, "Server errors"): each now gets a 2xx/3xx/4xx, and
the pages among them are the site's pages in the language of the address."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from search.indexing import rebuild_index
from search.sanitize import clean_search_text

from .conftest import login

pytestmark = pytest.mark.django_db

# Every kind of character that broke a search box: NUL, other controls, lone quotes
# (straight and typographic), a lone surrogate, FTS5 operators.
NASTY_TEXTS = [
    "a\x00b",
    "anziani\x00",
    "\x00",
    '"',
    '""',
    'a"b',
    "“anziani",
    "\x1b[0m",
    "anziani\ud800",
    "NEAR(a b)",
    "a* OR -b",
    "'",
    "\\",
    "%_",
    "\udcff",
]


def q(text):
    """``text`` percent-encoded as a browser would (lone surrogates as their raw bytes)."""
    return quote(text, safe="", errors="surrogatepass")


def test_clean_search_text_makes_separators_of_controls_and_quotes():
    assert clean_search_text("a\x00b") == "a b"
    assert clean_search_text('"') == ""
    assert clean_search_text("  anziani\x00 ") == "anziani"
    assert clean_search_text(None) == ""


def test_search_api_answers_any_text(client, service):
    rebuild_index()
    for language in ("it", "en", "ar", "zh-hans", "es"):
        for text in NASTY_TEXTS:
            response = client.get(f"/api/search/?lang={language}&q={q(text)}")
            assert response.status_code == 200, (language, text)
            assert response["Content-Type"].startswith("application/json")


def test_search_api_reads_a_nul_as_a_space(client, service):
    rebuild_index()
    found = client.get("/api/search/?q=anziani%00").json()
    assert found["total"] == 1 and found["query"]["q"] == "anziani"
    assert client.get("/api/search/?q=a%00b").status_code == 200


@pytest.mark.parametrize("language", ["it", "en", "ar", "zh-hans", "es"])
def test_site_search_answers_any_text_in_the_reader_language(client, service, language):
    rebuild_index()
    for text in NASTY_TEXTS:
        response = client.get(f"/{language}/cerca/?q={q(text)}")
        assert response.status_code == 200, text
        assert f'lang="{language}"' in response.content.decode().lower()


def test_site_search_finds_the_words_around_a_nul(client, service):
    rebuild_index()
    response = client.get("/it/cerca/?q=anziani%00")
    assert response.status_code == 200
    assert "Assistenza domiciliare anziani" in response.content.decode()


def test_wagtail_admin_searches_answer_any_text(service, superuser):
    client = login(superuser)
    urls = [
        "/cms/pages/search/",
        "/cms/snippets/content_taxonomy/need/",
        "/cms/snippets/content_taxonomy/zone/",
        "/cms/snippets/content_taxonomy/audience/",
        "/cms/documents/",
        "/cms/images/",
        "/cms/users/",
        "/django-admin/marketplace_accounts/user/",
    ]
    for url in urls:
        for text in NASTY_TEXTS:
            response = client.get(f"{url}?q={q(text)}")
            assert response.status_code == 200, (url, text, response.status_code)


def test_pages_and_documents_api_search_any_text(client, service):
    for endpoint in ("pages", "documents", "images"):
        for text in NASTY_TEXTS:
            response = client.get(f"/api/v2/{endpoint}/?search={q(text)}")
            assert response.status_code == 200, (endpoint, text)


@pytest.mark.parametrize(
    "snippet,name",
    [
        ("need", "Badante convivente"),
        ("zone", "Municipio 3"),
        ("audience", "Persone con disabilità"),
    ],
)
def test_taxonomy_snippet_search_finds_names(taxonomy_rows, superuser, snippet, name):
    client = login(superuser)
    query = name.split()[0].lower()
    response = client.get(f"/cms/snippets/content_taxonomy/{snippet}/", {"q": query})
    assert response.status_code == 200
    assert name in response.content.decode()


def test_taxonomy_snippet_search_finds_badante(taxonomy_rows, editor):
    client = login(editor)
    response = client.get("/cms/snippets/content_taxonomy/need/?q=badante")
    assert response.status_code == 200
    assert "Badante convivente" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/find/?id=abc",
        "/api/v2/pages/find/?id=-1",
        "/api/v2/pages/find/?id=99999999999999999999999",
        "/api/v2/pages/find/?id=%D9%A3",
        "/api/v2/documents/find/?id=abc",
        "/api/v2/images/find/?id=1.5",
        "/api/v2/pages/?search=a&search_operator=xx",
        "/api/v2/documents/?search=a&search_operator=xx",
        "/api/v2/images/?search=a&search_operator=",
    ],
)
def test_pages_api_refuses_malformed_parameters_with_400(client, service, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "message" in response.json()


def test_pages_api_still_finds_by_id_and_accepts_operators(client, service):
    assert client.get(f"/api/v2/pages/find/?id={service.pk}").status_code == 302
    assert client.get("/api/v2/pages/?search=anziani&search_operator=OR").status_code == 200


def test_citizen_order_line_url_is_not_routed(placed_order, citizen):
    client = login(citizen)
    line = placed_order.lines.get()
    line_url = f"/it/shop/accounts/orders/{placed_order.number}/{line.pk}/"
    assert client.get(line_url).status_code == 404
    detail = client.get(f"/it/shop/accounts/orders/{placed_order.number}/")
    assert detail.status_code == 200
    # "Buy again" (a POST on the order page) would skip the booking form's checks.
    reorder = client.post(f"/it/shop/accounts/orders/{placed_order.number}/", {"action": "reorder"})
    assert reorder.status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/it/shop/accounts/alerts/",
        "/it/shop/accounts/alerts/create/{product}/",
        "/it/shop/accounts/alerts/confirm/abc/",
        "/it/shop/accounts/alerts/cancel/key/abc/",
        "/it/shop/accounts/alerts/cancel/1/",
        "/it/shop/accounts/wishlists/",
        "/it/shop/accounts/wishlists/add/{product}/",
        "/it/shop/basket/add/{product}/",
        "/it/shop/basket/saved/",
        "/it/shop/basket/vouchers/add/",
        "/it/shop/offers/",
    ],
)
def test_features_the_site_does_not_use_are_not_routed(client, accredited_offer, url):
    from django.core import mail

    url = url.format(product=accredited_offer.product_id)
    for _attempt in range(2):
        response = client.post(url, {"email": "victim@example.org", "quantity": 5000})
        assert response.status_code == 404, url
    assert client.get(url).status_code == 404
    assert not mail.outbox


def test_account_pages_do_not_link_to_unrouted_features(citizen):
    client = login(citizen)
    response = client.get(reverse("customer:address-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/alerts/" not in html and "/wishlists/" not in html


def test_page_edit_without_a_streamfield_count_is_a_bad_request(service, provider_staff):
    client = login(provider_staff)
    response = client.post(
        f"/cms/pages/{service.pk}/edit/", {"title": service.title, "slug": service.slug}
    )
    assert response.status_code == 400


TOO_MANY = "&".join(f"p{number}=1" for number in range(1200))


@pytest.mark.parametrize(
    "path",
    [
        "/it/",
        "/en/",
        "/ar/cerca/",
        "/it/cerca/",
        "/it/segnala/",
        "/it/shop/basket/",
        "/it/shop/accounts/login/",
        "/it/no-such-page/",
    ],
)
def test_too_many_query_parameters_get_the_site_400_page(client, service, path):
    response = client.get(f"{path}?{TOO_MANY}")
    assert response.status_code == 400
    html = response.content.decode()
    language = path.split("/")[1]
    assert f'lang="{language}"' in html.lower()
    assert "<main" in html and "<h1>" in html


@pytest.mark.parametrize("path", ["/api/search/", "/api/v2/pages/", "/api/v2/documents/"])
def test_too_many_query_parameters_on_the_api_are_400(client, service, path):
    assert client.get(f"{path}?{TOO_MANY}").status_code == 400


def test_too_many_posted_fields_get_400(client, service):
    data = {f"p{number}": "1" for number in range(1200)}
    assert client.post("/it/segnala/", data).status_code == 400
