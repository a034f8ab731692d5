"""Pieces of public pages rendered once per publish ({% published_fragment %}).

What editors alone change (header navigation, footer, language links, the rating widget,
the home page's sections, a service's facts) comes from the cache; what belongs to one
response or one person (CSRF token, CSP nonce, prices, the basket, account links) never
does. The cache is on in every test (Django's local-memory cache, cleared between tests).
"""

import re

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from content.core import content_cache
from content.core.content_cache import LocalValues
from content.core.fragment_cache import render_fragment, storable
from content.core.languages import synchronise_language_trees
from marketplace import factories as shop

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


def _request(path="/it/", user=None):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return request


# Rules: what may be stored ---------------------------------------------------------------


def test_html_with_a_csrf_token_or_the_nonce_is_never_stored():
    request = _request()
    request._csp_nonce = "n0nce-of-this-response"
    assert storable("<nav>menu</nav>", request)
    assert not storable('<input name="csrfmiddlewaretoken" value="x">', request)
    assert not storable('<script nonce="n0nce-of-this-response"></script>', request)


def test_a_fragment_is_rendered_once_then_read_from_the_cache():
    calls = []

    def render():
        calls.append(1)
        return "<footer>WeMi</footer>"

    with translation.override("it"):
        first = render_fragment(_request(), "test", ["a"], render)
        content_cache.local_values.clear()  # the shared cache alone still has it
        second = render_fragment(_request(), "test", ["a"], render)
        render_fragment(_request(), "test", ["b"], render)  # other parts: other fragment
    assert first == second == "<footer>WeMi</footer>"
    assert len(calls) == 2


def test_each_language_has_its_own_copy_and_a_publish_renders_again():
    def render():
        return f"<p>{translation.get_language()}</p>"

    with translation.override("it"):
        assert render_fragment(_request(), "test", [], render) == "<p>it</p>"
    with translation.override("ar"):
        assert render_fragment(_request(), "test", [], render) == "<p>ar</p>"
    content_cache.bump_content_version()
    with translation.override("it"):
        assert render_fragment(_request(), "test", [], lambda: "<p>new</p>") == "<p>new</p>"


def test_previews_signed_in_visitors_and_unkeyable_parts_always_render(django_user_model):
    user = django_user_model.objects.create_user(email="a@wemi.example", password="x")
    preview = _request()
    preview.is_preview = True
    cases = [
        (preview, [], False),
        (_request(user=user), [], False),  # not "shared": may depend on who reads it
        (_request(), [None], False),  # e.g. an address with a query string
        (_request(user=user), [], True),  # shared: the same for everybody
    ]
    for request, parts, shared in cases:
        calls = []
        for _ in range(2):
            render_fragment(request, "test", parts, lambda c=calls: c.append(1) or "x", shared)
        assert len(calls) == (1 if shared else 2), (parts, shared)


def test_a_fragment_showing_the_nonce_is_rendered_for_each_response():
    template = Template(
        "{% load fragment_tags %}{% published_fragment 'with-nonce' shared %}"
        '<script nonce="{{ request.csp_nonce }}"></script>{% endpublished_fragment %}'
    )
    seen = set()
    for nonce in ("first-nonce", "second-nonce"):
        request = _request()
        request._csp_nonce = request.csp_nonce = nonce
        with translation.override("it"):
            seen.add(template.render(Context({"request": request})))
    assert seen == {
        '<script nonce="first-nonce"></script>',
        '<script nonce="second-nonce"></script>',
    }


def test_the_process_copy_stays_within_its_size_and_forgets_an_old_version():
    values = LocalValues(max_size=10)
    values.set(1, "a", "12345")
    values.set(1, "b", "12345")
    assert values.get(1, "a") == "12345"  # "a" is now the most recently used
    values.set(1, "c", "123")
    assert values.get(1, "b") is None and values.get(1, "a") and values.get(1, "c")
    values.set(1, "huge", "x" * 11)
    assert values.get(1, "huge") is None
    assert values.get(2, "a") is None
    values.set(2, "d", "1")
    assert values.get(1, "a") is None and values.get(2, "d") == "1"


# Pages: who sees what -------------------------------------------------------------------


@pytest.mark.django_db
def test_citizens_get_their_own_csrf_token_and_visitors_none(service):
    shop.make_offer(service, price="22.00", unit="hour", pricing_kind="accredited")
    maria = shop.make_citizen("maria@wemi.example", isee="12000", first_name="Maria")
    omar = shop.make_citizen("omar@wemi.example", isee=None, first_name="Omar")
    pages = {}
    for name, user in (("anonymous", None), ("maria", maria), ("anonymous2", None),
                       ("omar", omar)):
        client = Client()
        if user:
            client.force_login(user)
        response = client.get(service.url)
        assert response.status_code == 200
        pages[name] = (response, response.content.decode())
    for name in ("anonymous", "anonymous2"):
        response, html = pages[name]
        assert "csrfmiddlewaretoken" not in html and not response.cookies, name
    assert pages["anonymous"][1] == pages["anonymous2"][1]
    for name in ("maria", "omar"):
        response, html = pages[name]
        tokens = set(CSRF.findall(html))
        assert tokens, f"{name}'s rating and logout forms have a token"
        assert len(set(NONCE.findall(html))) <= 1
    maria_html, omar_html = pages["maria"][1], pages["omar"][1]
    assert not set(CSRF.findall(maria_html)) & set(CSRF.findall(omar_html))
    assert "Omar" not in maria_html and "Maria" not in omar_html
    assert "/add/" in maria_html and "/add/" not in pages["anonymous"][1]
    assert "6,60" in maria_html  # her price: 30 % of 22.00, never anyone else's
    assert "6,60" not in omar_html and "6,60" not in pages["anonymous2"][1]


@pytest.mark.django_db
def test_fragments_follow_a_publish_in_every_language(client, service, home_page):
    synchronise_language_trees()
    client.get(service.url)
    client.get("/ar/")
    service.summary = "Una descrizione nuova, appena pubblicata."
    service.save_revision().publish()
    assert "Una descrizione nuova, appena pubblicata." in client.get(service.url).content.decode()
    home_page.hero_title = "Benvenuti nel nuovo WeMi"
    home_page.save_revision().publish()
    assert "Benvenuti nel nuovo WeMi" in client.get("/it/").content.decode()
    arabic = client.get("/ar/")
    assert arabic.status_code == 200
    html = arabic.content.decode()
    assert 'lang="ar" dir="rtl"' in html and "Benvenuti nel nuovo WeMi" in html  # the alias


@pytest.mark.django_db
def test_language_links_keep_the_query_string_of_each_address(client, service):
    synchronise_language_trees()
    plain = client.get(service.url).content.decode()
    with_query = client.get(service.url + "?utm_source=newsletter").content.decode()
    assert "?utm_source=newsletter" not in plain
    assert "?utm_source=newsletter" in with_query


def _navigation(html):
    return html.split('data-element="main-navigation"')[1].split("</ul>")[0]


@pytest.mark.django_db
def test_the_menu_marks_the_section_of_each_page(client, service, home_page):
    providers = service.get_parent().get_parent().specific
    providers.show_in_menus = True
    providers.save_revision().publish()
    home = _navigation(client.get("/it/").content.decode())
    on_service = _navigation(client.get(service.url).content.decode())
    again = _navigation(client.get("/it/").content.decode())
    assert f'href="{providers.url}"' in home
    assert 'aria-current="page"' not in home and home == again
    assert on_service.count('aria-current="page"') == 1
    assert re.search(rf'href="{re.escape(providers.url)}"[^>]*aria-current="page"', on_service)


def test_a_deploy_renders_fragments_again(monkeypatch):
    """New static files (their hashed names are in the HTML) or ``migrate`` (every upgrade
    runs it) make every fragment render again."""
    from content.core import fragment_cache

    calls = []

    def render():
        calls.append(1)
        return "<nav></nav>"

    with translation.override("it"):
        render_fragment(_request(), "test", [], render)
        render_fragment(_request(), "test", [], render)
        assert len(calls) == 1
        monkeypatch.setattr(fragment_cache, "static_files_version", lambda: "new-manifest")
        render_fragment(_request(), "test", [], render)
        assert len(calls) == 2


@pytest.mark.django_db
def test_migrate_bumps_the_content_version():
    from django.core.management import call_command

    before = content_cache.content_version()
    call_command("migrate", verbosity=0)
    assert content_cache.content_version() > before
