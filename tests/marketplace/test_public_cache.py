"""Public pages a shared cache may keep, and purging them when they change.

Anonymous visitors get the same service page (no form, no CSRF cookie, no ``Vary: Cookie``);
logged-in citizens get their own, which the proxy never caches (deploy/varnish/wemi.vcl
passes requests with a session cookie). Publishing, unpublishing, moving a page and changing
an offer purge that page's URLs in every language, after commit.
"""

import pytest
from django.test import Client, override_settings
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Locale

from content import factories
from content.core.languages import synchronise_language_trees
from marketplace import factories as shop

PURGED = []


class RecordingBackend(BaseBackend):
    """A frontend cache that records what it is asked to purge."""

    def purge(self, url):
        PURGED.append(url)


FRONTEND_CACHE = {
    "WAGTAILFRONTENDCACHE": {
        "test": {"BACKEND": f"{__name__}.RecordingBackend", "HOSTNAMES": ["localhost"]}
    }
}


@pytest.fixture
def purged():
    PURGED.clear()
    return PURGED


def test_anonymous_visitors_share_one_service_page(service, accredited_offer):
    first, second = Client(), Client()
    pages = [first.get(service.url), second.get(service.url)]
    for page in pages:
        assert page.status_code == 200
        assert not page.cookies, "no cookie for anonymous visitors"
        assert "cookie" not in page.get("Vary", "").lower()
        html = page.content.decode()
        assert "/add/" not in html and "csrfmiddlewaretoken" not in html
        assert f"/it/shop/accounts/login/?next={service.url}" in html
    assert pages[0].content == pages[1].content


def test_two_citizens_and_an_anonymous_visitor_see_only_their_own(service, accredited_offer):
    maria = shop.make_citizen("maria@wemi.example", isee="12000", first_name="Maria")
    omar = shop.make_citizen("omar@wemi.example", isee=None, first_name="Omar")
    seen = {}
    for name, user in (("maria", maria), ("omar", omar), ("anonymous", None)):
        client = Client()
        if user:
            client.force_login(user)
        page = client.get(service.url)
        assert page.status_code == 200
        seen[name] = page.content.decode()
    assert "6,60" in seen["maria"]  # her price: 30 % of 22.00
    assert "6,60" not in seen["omar"] and "6,60" not in seen["anonymous"]
    assert "/add/" in seen["maria"] and "/add/" in seen["omar"]
    assert "/add/" not in seen["anonymous"]
    assert "maria@wemi.example" not in seen["omar"] + seen["anonymous"]
    assert "omar@wemi.example" not in seen["maria"] + seen["anonymous"]


@override_settings(**FRONTEND_CACHE)
def test_publishing_purges_the_page_in_every_language_after_commit(
    service, purged, django_capture_on_commit_callbacks
):
    synchronise_language_trees()
    service.title = "Assistenza domiciliare anziani (nuovo orario)"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        service.save_revision().publish()
        assert purged == [], "nothing is purged before the change is committed"
    for callback in callbacks:
        callback()
    urls = {url.split("localhost", 1)[1] for url in purged}
    for locale in Locale.objects.all():
        translation = service.get_translation(locale)
        assert translation.url in urls, locale.language_code
        assert translation.get_parent().url in urls, "the listing above it"
    assert "/it/enti/" not in urls, "only the affected pages"
    # The pages listing everything: every language's home and search page, the search API.
    for code in ("it", "en", "ar", "zh-hans", "es"):
        assert f"/{code}/" in urls and f"/{code}/cerca/" in urls, code
    assert "/api/search/" in urls


@override_settings(**FRONTEND_CACHE)
def test_unpublishing_and_moving_purge_the_old_addresses(
    service, purged, django_capture_on_commit_callbacks
):
    old_url = service.url
    other_provider = factories.make_provider("Cooperativa Sociale Aurora")
    with django_capture_on_commit_callbacks(execute=True):
        service.move(other_provider, pos="last-child")
    service.refresh_from_db()
    urls = {url.split("localhost", 1)[1] for url in purged}
    assert old_url in urls and service.url in urls and other_provider.url in urls
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.unpublish()
    assert any(url.endswith(service.url) for url in purged)


@override_settings(**FRONTEND_CACHE)
def test_an_offer_price_or_capacity_change_purges_its_service_page(
    service, accredited_offer, purged, django_capture_on_commit_callbacks
):
    stockrecord = accredited_offer
    with django_capture_on_commit_callbacks(execute=True):
        stockrecord.num_in_stock = 5
        stockrecord.save()
    assert any(url.endswith(service.url) for url in purged)
    assert any(url.endswith("/it/cerca/") for url in purged), "prices show in searches"


def test_nothing_is_purged_without_a_frontend_cache(service, purged,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        service.save_revision().publish()
    assert purged == []
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task  # noqa: F401
    assert all("purge" not in getattr(c, "__qualname__", "") for c in callbacks)
