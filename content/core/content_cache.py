"""What every public page shows but only a publish changes, computed once per publish.

The header's menu, the footer's links, the home page of each language, the locales, the
taxonomy's names: every page shows them, and they change only when an editor publishes,
unpublishes, moves or deletes a page, or saves a snippet, a setting, a site or a locale. Each
of those saves bumps one **content version**, kept in Django's cache (Redis in production,
shared by every process on every machine); computed values are cached under a key that
includes it, so a bump makes every process compute them again on its next request, and the
old entries simply expire. Nothing is invalidated by hand and no state lives in one process
only (``docs/decisions/0015-production-profile.md``).

- :func:`content_version` reads the version (once per request: :class:`ContentVersionMiddleware`).
- :func:`bump_content_version` is connected to the saves above (:func:`connect`).
- :func:`cached` caches a plain (picklable) value per version in Django's cache, with a
  bounded copy in this process's memory (:data:`local_values`) in front of it: a page reads
  the shared cache once per request (the version) instead of once per value.
- :func:`memoized` keeps an object (a page, a locale) in this process's memory, per version:
  for values that are costly to pickle; still checked against the shared version.
"""

import contextvars
import hashlib
import threading
import time
from collections import OrderedDict
from copy import copy

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "wemi:content-version"
# Cached values outlive no more than a day even without a publish.
TIMEOUT = 24 * 3600

_request_version = contextvars.ContextVar("wemi_content_version", default=None)
_in_request = contextvars.ContextVar("wemi_content_version_in_request", default=False)
_memo = {"version": None, "values": {}}


def content_version():
    """The current content version (an int); read once per request inside one."""
    version = _request_version.get()
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        # First use, or the entry was evicted: start from the clock, so that a restarted
        # counter never meets values cached under an earlier one.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY) or time.time_ns()
    if _in_request.get():
        _request_version.set(version)
    return version


def bump_content_version():
    """Make every cached per-version value stale (in every process, through the cache)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (never used, or evicted)
        cache.add(VERSION_KEY, time.time_ns(), None)
    _request_version.set(None)


class LocalValues:
    """A bounded least-recently-used store in this process's memory, emptied when the
    content version changes: a copy of what :func:`cached` and the fragment cache keep in
    Django's cache, read without a round trip to Redis.

    ``max_size`` bounds the sum of the values' sizes (a string counts its length, anything
    else ``OBJECT_SIZE``), so a worker holds at most a few megabytes whatever the number of
    pages. Thread-safe (the development server and threaded workers share it).
    """

    OBJECT_SIZE = 512

    def __init__(self, max_size=8 * 1024 * 1024):
        self.max_size = max_size
        self._lock = threading.Lock()
        self._version = None
        self._values = OrderedDict()
        self._size = 0

    def _sized(self, value):
        return len(value) if isinstance(value, str) else self.OBJECT_SIZE

    def get(self, version, key):
        """The value kept under ``key`` for ``version``, or None."""
        with self._lock:
            if self._version != version:
                return None
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def set(self, version, key, value):
        size = self._sized(value)
        if size > self.max_size:
            return
        with self._lock:
            if self._version != version:
                self._version, self._values, self._size = version, OrderedDict(), 0
            old = self._values.pop(key, None)
            if old is not None:
                self._size -= self._sized(old)
            self._values[key] = value
            self._size += size
            while self._size > self.max_size:
                _key, dropped = self._values.popitem(last=False)
                self._size -= self._sized(dropped)

    def clear(self):
        with self._lock:
            self._version, self._values, self._size = None, OrderedDict(), 0


local_values = LocalValues()


def get_or_compute(key, compute, store=lambda value: True):
    """The value cached under ``key`` (which does not include the version: it is added
    here) in this process or in Django's cache, else ``compute()``, kept in both when
    ``store(value)`` says so. Values are shared between requests: read them, never change
    them. Not for None."""
    version = content_version()
    key = f"{key}:{version}"
    value = local_values.get(version, key)
    if value is not None:
        return value
    value = cache.get(key)
    if value is None:
        value = compute()
        if not store(value):
            return value
        cache.set(key, value, TIMEOUT)
    local_values.set(version, key, value)
    return value


def cached(name, compute, *parts):
    """``compute()``, cached under ``name``, ``parts`` and the content version in this
    process (:data:`local_values`) and in Django's cache. The value must be picklable and
    not None, and is shared between requests: callers read it, never change it."""
    # Parts may be long or unusual (a page's path): hashed, any cache backend accepts them.
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()
    return get_or_compute(f"wemi:{name}:{digest}", compute)


def memoized(name, compute, *parts):
    """``compute()``, kept in this process's memory under ``name`` and ``parts`` until the
    content version changes. For read-only objects (pages, locales) shared by requests."""
    version = content_version()
    if _memo["version"] != version:
        _memo["version"], _memo["values"] = version, {}
    key = (name, *parts)
    values = _memo["values"]
    if key not in values:
        values[key] = compute()
    return values[key]


class ContentVersionMiddleware:
    """Reads the content version at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_request = _in_request.set(True)
        version = _request_version.set(None)
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(version)
            _in_request.reset(in_request)


# Locales -------------------------------------------------------------------------------


def _locales_by_code():
    from wagtail.models import Locale

    return memoized("locales", lambda: {loc.language_code: loc for loc in Locale.objects.all()})


def get_locale_for_language(manager, language_code):
    """``Locale.objects.get_for_language`` without a query: Wagtail calls it (through
    ``Locale.get_active()`` and ``Locale.get_default()``) several times on every page."""
    from wagtail.coreutils import get_supported_content_language_variant

    if manager.db != "default":
        return manager.get(language_code=get_supported_content_language_variant(language_code))
    code = get_supported_content_language_variant(language_code)
    try:
        return copy(_locales_by_code()[code])
    except KeyError:
        raise manager.model.DoesNotExist(f"No locale for {code!r}.") from None


def language_code_of(instance):
    """The language code of a translatable object's locale, without loading the locale."""
    for code, locale in _locales_by_code().items():
        if locale.pk == instance.locale_id:
            return code
    return instance.locale.language_code


# Private sections ----------------------------------------------------------------------


def _restricted_pages():
    """``[(path, depth)]`` of the pages that carry a view restriction (usually none)."""
    from wagtail.models import PageViewRestriction

    return cached(
        "restricted-pages",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
    )


def private_q(queryset):
    """``PageQuerySet.private_q`` (what ``.public()`` excludes) without a query per call."""
    from django.db.models import Q

    q = Q()
    for path, depth in _restricted_pages():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def get_view_restrictions(page):
    """``Page.get_view_restrictions``: no query at all while no page is private."""
    from wagtail.models import PageViewRestriction

    if not _restricted_pages():
        return PageViewRestriction.objects.none()
    return _original_get_view_restrictions(page)


_original_get_view_restrictions = None


# Sites -----------------------------------------------------------------------------------


def site_for_request(request):
    """``Site.find_for_request`` with the site kept per host and port until a publish."""
    from wagtail.models import Site

    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = memoized(
            "site", lambda: Site._find_for_request(request), request._get_raw_host(),
            request.get_port(),
        )
    return request._wagtail_site


# What bumps the version ------------------------------------------------------------------


def _changes_public_content(instance):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Locale, PageViewRestriction, Site, TranslatableMixin

    # Pages and translatable snippets (the taxonomy) are TranslatableMixin. Images and
    # documents show in pages' rendered fragments (a replaced file's name, alt text).
    return isinstance(
        instance,
        (
            TranslatableMixin, Site, Locale, PageViewRestriction, BaseSiteSetting,
            BaseGenericSetting, AbstractImage, AbstractDocument,
        ),
    )


def content_saved(sender, instance, raw=False, **kwargs):
    if raw or not _changes_public_content(instance):
        return
    bump_content_version()
    # Again once committed: a request between the save and the commit may have cached
    # what it read before the change under the new version.
    transaction.on_commit(bump_content_version)


def page_moved(sender, instance, **kwargs):
    bump_content_version()
    transaction.on_commit(bump_content_version)


def migrated(sender, **kwargs):
    """After ``manage.py migrate`` (every upgrade runs it): new code may render cached
    values and fragments differently, so they are computed again."""
    bump_content_version()


def connect():
    from django.db.models.signals import post_migrate
    from wagtail.models import Page
    from wagtail.models.i18n import LocaleManager
    from wagtail.query import PageQuerySet
    from wagtail.signals import post_page_move

    post_save.connect(content_saved, dispatch_uid="content_version_saved")
    post_delete.connect(content_saved, dispatch_uid="content_version_deleted")
    post_page_move.connect(page_moved, dispatch_uid="content_version_moved")
    post_migrate.connect(migrated, dispatch_uid="content_version_migrated")
    LocaleManager.get_for_language = get_locale_for_language
    global _original_get_view_restrictions
    if _original_get_view_restrictions is None:
        _original_get_view_restrictions = Page.get_view_restrictions
        Page.get_view_restrictions = get_view_restrictions
    PageQuerySet.private_q = private_q
