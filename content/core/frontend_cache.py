"""Purging the caching proxy when a page changes: exactly the affected URLs, every language.

Publishing, unpublishing, moving or translating a page changes that page in every language
that shows it (its translations, and the aliases that show the Italian text) and the listing
page above each (index pages, provider pages list their children). The URLs are worked out
from each translation's own URL (slugs differ per language) while the change is being saved,
and purged through the proxy (Wagtail's frontend cache, ``WAGTAILFRONTENDCACHE``) by
Wagtail's ``purge_urls_from_cache_task``, enqueued once the transaction commits: the worker
does it in production. Nothing happens when no frontend cache is configured.

Every purge also drops the pages that list everything (each language's home and search
pages, and the search API: :func:`site_wide_urls`), which would otherwise show the change
only when their hour in the cache runs out.

Other apps (offers: ``marketplace``) call :func:`purge_pages_after_commit`.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def frontend_cache_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def page_urls(pages, *, with_parents=True):
    """Full URLs of these pages in every language: their translations, the aliases of those,
    and (``with_parents``) each one's parent page. Pages without a routable URL are skipped.
    Returns a sorted list of strings."""
    keys = {page.translation_key for page in pages}
    family = list(Page.objects.filter(translation_key__in=keys))
    family += list(Page.objects.filter(alias_of__in=family).exclude(pk__in=[p.pk for p in family]))
    if with_parents:
        parent_paths = {page.path[: -Page.steplen] for page in family if page.depth > 2}
        family += list(Page.objects.filter(path__in=parent_paths))
    urls = set()
    for page in family:
        url = page.get_full_url()
        if url:
            urls.add(url)
    return sorted(urls)


def site_wide_urls():
    """Pages that list what changes anywhere: each language's home page (news, Spazi,
    categories) and search page (services, their prices and places), and the search API.
    The proxy drops every cached search (any query string) under a search address it is
    asked to purge (deploy/varnish/wemi.vcl). Full URLs, on every site."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Site

    from .models import HomePage

    urls = {home.get_full_url() for home in HomePage.objects.live()}
    for site in Site.objects.all():
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls.add(site.root_url + reverse("site-search"))
        urls.add(site.root_url + reverse("search-api"))
    urls.discard(None)
    return urls


def purge_urls_after_commit(urls):
    """Enqueue the purge of ``urls``, and of the pages listing everything
    (:func:`site_wide_urls`), once the current transaction commits."""
    if not frontend_cache_enabled():
        return
    urls = sorted(set(urls) | site_wide_urls())
    if urls and frontend_cache_enabled():
        transaction.on_commit(lambda: purge_urls_from_cache_task.enqueue(urls))


def purge_pages_after_commit(pages):
    """Purge these pages (every language, and the listing above each) after commit."""
    if frontend_cache_enabled():
        purge_urls_after_commit(page_urls(pages))


def page_changed(sender, instance, **kwargs):
    purge_pages_after_commit([instance])


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """A move changes the URL of the page and of everything under it: the old URLs go (they
    would keep serving the page from the cache), the new ones and both parents are refreshed."""
    if not frontend_cache_enabled() or url_path_before == url_path_after:
        return
    common = 0
    while (
        common < min(len(url_path_before), len(url_path_after))
        and url_path_before[common] == url_path_after[common]
    ):
        common += 1
    common = url_path_after.rfind("/", 0, common) + 1  # back to a whole path segment
    tail_before, tail_after = url_path_before[common:], url_path_after[common:]
    page_url = instance.get_full_url()
    urls = set(page_urls([instance]))
    if page_url and page_url.endswith(tail_after):
        old_page_url = page_url[: len(page_url) - len(tail_after)] + tail_before
        # The page and its descendants at their old addresses.
        for page in instance.get_descendants(inclusive=True):
            url = page.get_full_url()
            if url and url.startswith(page_url):
                urls.add(old_page_url + url[len(page_url):])
                urls.add(url)
        # The old parent's listing.
        parent_url = old_page_url.rstrip("/").rsplit("/", 1)[0] + "/"
        urls.add(parent_url)
    purge_urls_after_commit(urls)


def restrictions_changed(sender, page, **kwargs):
    """A page made private (or public again) must leave the proxy's cache at once, with the
    pages below it, which the restriction covers too."""
    if frontend_cache_enabled():
        purge_pages_after_commit(list(page.get_descendants(inclusive=True)))


def connect():
    from .restrictions import view_restrictions_changed

    view_restrictions_changed.connect(
        restrictions_changed, dispatch_uid="frontend_cache_restrictions_changed"
    )
    page_published.connect(page_changed, dispatch_uid="frontend_cache_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="frontend_cache_page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="frontend_cache_page_moved")
