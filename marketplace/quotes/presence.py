"""Who has a thread open right now: one counter per (quote, side) in the shared cache,
raised when a socket of that side connects (``consumers.ThreadConsumer``), lowered when it
closes, and kept alive by the page's heartbeat. A process that dies without closing its
sockets leaves a counter that lapses after ``TTL`` seconds.

In production the cache is Redis (``config.settings.production``), shared by the socket
server, the application servers and the task worker that decides on the "you have a new
message" e-mail; in the demo everything runs in one process.
"""

from django.core.cache import cache

# Seconds a counter outlives the last connect or heartbeat (the page beats every 30 s).
TTL = 90
HEARTBEAT_SECONDS = 30


def _key(quote_id, side):
    return f"wemi:quote-presence:{quote_id}:{side}"


def joined(quote_id, side):
    key = _key(quote_id, side)
    cache.add(key, 0, TTL)
    try:
        cache.incr(key)
    except ValueError:  # lapsed between add and incr
        cache.set(key, 1, TTL)
    cache.touch(key, TTL)


def left(quote_id, side):
    key = _key(quote_id, side)
    try:
        if cache.decr(key) <= 0:
            cache.delete(key)
    except ValueError:  # already lapsed
        pass


def beat(quote_id, side):
    cache.touch(_key(quote_id, side), TTL)


def is_online(quote_id, side):
    """Has ``side`` the thread of quote ``quote_id`` open in at least one socket?"""
    return (cache.get(_key(quote_id, side)) or 0) > 0
