"""Rendered pieces of public pages, kept once per publish (``{% published_fragment %}``).

A fragment's HTML is stored in Django's cache (Redis in production, shared by every process
on every machine; with a bounded copy in each process's memory, ``content_cache.local_values``)
under its name, the content version (:mod:`content.core.content_cache`), the active language,
the request's scheme and host and the caller's parts. A publish, or any
save of a snippet, setting, site, locale, image or document, bumps the version: every
fragment renders again on its next request and the old entries expire
(``content_cache.TIMEOUT``). Nothing is purged by hand. A deploy renders them again too:
``manage.py migrate`` bumps the version, and the key holds the static files' manifest hash.

What must never be shared is guarded here, not only by where templates put the tag:

- a fragment whose HTML holds a CSRF token (``csrfmiddlewaretoken``) or this response's CSP
  nonce is rendered but never stored;
- previews (``request.is_preview``) always render afresh (a draft is not the published page);
- for a signed-in visitor a fragment is rendered afresh unless the caller says it is
  ``shared`` (nothing in it depends on who is reading).

``docs/decisions/0024-fragment-cache.md``.
"""

import functools
import hashlib

from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .content_cache import get_or_compute

# Markers of per-response values: a fragment that shows one is not stored.
CSRF_MARKER = "csrfmiddlewaretoken"


def static_files_version():
    """The hash of the static files' manifest (``""`` without one): fragments name hashed
    static files (icons, scripts), so a deploy with new ones renders them again."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return getattr(staticfiles_storage, "manifest_hash", "") or ""


def fragment_key(request, name, parts):
    """The cache key (str) of fragment ``name`` for ``parts`` on ``request``'s scheme and
    host, in the active language, for the deployed static files (the content version is
    added by ``get_or_compute``)."""
    values = [
        get_language() or "", request.scheme, request.get_host(), static_files_version(),
        *map(str, parts),
    ]
    digest = hashlib.sha1("\x1f".join(values).encode()).hexdigest()
    return f"wemi:fragment:{name}:{digest}"


def cacheable_request(request, shared=False):
    """Whether fragments may be read from and stored in the cache for ``request``."""
    if request is None or getattr(request, "is_preview", False):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    return shared or user is None or not user.is_authenticated


def storable(html, request):
    """Whether ``html`` (rendered for ``request``) holds nothing of this response only: no
    CSRF token, not the CSP nonce."""
    if CSRF_MARKER in html:
        return False
    nonce = getattr(request, "_csp_nonce", None)
    return not (isinstance(nonce, str) and nonce in html)


def render_fragment(request, name, parts, render, shared=False):
    """``render()`` (safe HTML), or the copy stored for this fragment under the current
    content version; stores what it renders when :func:`storable`. A part that is ``None``
    means "this one cannot be shared" (e.g. a URL with a query string): rendered afresh."""
    if not cacheable_request(request, shared) or any(part is None for part in parts):
        return render()
    html = get_or_compute(
        fragment_key(request, name, parts),
        lambda: str(render()),
        store=lambda html: storable(html, request),
    )
    return mark_safe(html)


def lazy_context(compute, names):
    """``{name: lazy value}`` for a page's context: ``compute()`` (a dict with at least
    ``names``) runs once, on the first use of any of them. A page whose fragments all come
    from the cache never pays for what they show."""
    once = functools.cache(compute)
    return {name: SimpleLazyObject(lambda name=name: once()[name]) for name in names}
