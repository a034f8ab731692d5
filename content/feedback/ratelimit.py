"""Limits on the public feedback forms (anti-abuse), kept in Django's cache.

A submission counts against three limits at once, each per hour (``WINDOW_SECONDS``): the
browser session, the account when someone is logged in, and the client's address (shared by
a household, an office or a Spazio WeMi's computers, so its limit is higher). A new session
cookie no longer gives ten more. Counters live in the cache (``cache.add`` + ``cache.incr``,
atomic on Redis and local memory), so every process of a deployment shares them when the
cache is Redis.

The same submission sent twice (a double click, a retried request) is stored once: its
fingerprint (who, which page, what was said) is claimed in the cache with ``cache.add``, which
only one of two simultaneous requests wins; the other is answered as a success, and neither
the second row nor the second count happens.

The client address is ``REMOTE_ADDR``, or, only when ``WEMI_CLIENT_ADDRESS_HEADER`` names a
header set by a trusted proxy (e.g. ``HTTP_X_FORWARDED_FOR``), the address that proxy saw:
the ``WEMI_TRUSTED_PROXY_COUNT``-th entry from the right.
"""

import hashlib
import json
import time

from django.conf import settings
from django.core.cache import cache

# At most this many submissions (ratings and reports together) per window...
MAX_SUBMISSIONS = 10  # ... per session, and per account
MAX_SUBMISSIONS_PER_ADDRESS = 30  # ... per client address
WINDOW_SECONDS = 3600
DUPLICATE_SECONDS = 600  # the same submission within this time is stored once
KEY_PREFIX = "feedback"


def client_address(request):
    """The client's IP address as a string ('' when unknown): ``REMOTE_ADDR``, or, behind
    ``WEMI_TRUSTED_PROXY_COUNT`` (> 0) trusted reverse proxies, the entry that many places from
    the right of the ``WEMI_CLIENT_ADDRESS_HEADER`` header (``X-Forwarded-For`` by default);
    entries further left are written by the client and could be forged. The one definition of
    the client address: feedback limits and login throttling (django-axes) both use it.
    """
    count = int(getattr(settings, "WEMI_TRUSTED_PROXY_COUNT", 0))
    if count > 0:
        header = getattr(settings, "WEMI_CLIENT_ADDRESS_HEADER", "") or "HTTP_X_FORWARDED_FOR"
        forwarded = [part.strip() for part in request.META.get(header, "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-min(count, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


SESSION_MARKER = "feedback_sender"


def _session_key(request):
    """The session's key, creating the session if there is none yet (it is what a browser
    that keeps its cookie is counted by)."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    if not session.session_key:
        session[SESSION_MARKER] = True  # modified: the cookie is sent with the response
        session.save()
    return session.session_key


def _identities(request):
    """``[(kind, value, limit)]`` for the limits this request counts against."""
    identities = []
    session_key = _session_key(request)
    if session_key:
        identities.append(("session", session_key, MAX_SUBMISSIONS))
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        identities.append(("user", str(user.pk), MAX_SUBMISSIONS))
    address = client_address(request)
    if address:
        identities.append(("address", address, MAX_SUBMISSIONS_PER_ADDRESS))
    return identities


def _window(now):
    return int(now // WINDOW_SECONDS)


def _counter_key(kind, value, now):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:count:{kind}:{digest}:{_window(now)}"


def is_rate_limited(request, now=None):
    """Whether any of this request's limits is used up in the current window."""
    now = time.time() if now is None else now
    return any(
        (cache.get(_counter_key(kind, value, now)) or 0) >= limit
        for kind, value, limit in _identities(request)
    )


def take_submission(request, now=None):
    """Count one submission against every limit; False (and nothing kept) if one is over.

    Counting first and checking after is what makes two simultaneous requests unable to
    both take the last submission.
    """
    now = time.time() if now is None else now
    taken, allowed = [], True
    for kind, value, limit in _identities(request):
        key = _counter_key(kind, value, now)
        cache.add(key, 0, WINDOW_SECONDS + 60)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS + 60)
            count = 1
        taken.append(key)
        if count > limit:
            allowed = False
    if not allowed:
        for key in taken:
            try:
                cache.decr(key)
            except ValueError:
                pass
    return allowed


def _submitter(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    session_key = _session_key(request)
    if session_key:
        return f"session:{session_key}"
    return f"address:{client_address(request)}"


def claim_submission(request, kind, content, now=None):
    """Claim this submission; False when the same one was claimed in the last minutes.

    ``kind`` names the form ("rating", "report"); ``content`` is a JSON-serialisable dict
    of what identifies the submission (page and cleaned fields).
    """
    payload = json.dumps([_submitter(request), kind, content], sort_keys=True, default=str)
    digest = hashlib.sha256(payload.encode()).hexdigest()
    return cache.add(f"{KEY_PREFIX}:seen:{digest}", 1, DUPLICATE_SECONDS)


def release_submission(request, kind, content):
    """Forget a claim (the submission was not stored after all)."""
    payload = json.dumps([_submitter(request), kind, content], sort_keys=True, default=str)
    digest = hashlib.sha256(payload.encode()).hexdigest()
    cache.delete(f"{KEY_PREFIX}:seen:{digest}")
