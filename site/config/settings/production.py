"""Production: everything from the environment; ``manage.py check --deploy`` is clean."""

from .base import *  # noqa: F403
from .base import channel_layers, env_bool, os

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# The caching proxy's health probe asks the app servers over plain HTTP (they sit behind the
# TLS terminator): redirecting it to https would mark every app server sick.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
# Secure cookies (HTTPS only); DJANGO_SECURE_COOKIES=false only for a local plain-HTTP check.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
OSCAR_BASKET_COOKIE_SECURE = SESSION_COOKIE_SECURE
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# Wagtail's live preview shows the page in a same-origin iframe: SAMEORIGIN, not DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Shared state lives in Redis, never in one process's memory (several app servers and workers).
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_CACHE_BACKEND", "django.core.cache.backends.redis.RedisCache"
        ),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "redis://127.0.0.1:6379/1"),
    }
}

# Background work goes through the database queue and the worker (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# Real-time messages: the Redis channel layer links gunicorn (which saves a message) and the
# Daphne process serving /ws/ (docs/decisions/0026). Presence (who has a thread open) is kept
# in the shared cache above.
WEMI_CHANNEL_LAYER_URL = os.environ.get("WEMI_CHANNEL_LAYER_URL", "redis://127.0.0.1:6379/2")
CHANNEL_LAYERS = channel_layers(WEMI_CHANNEL_LAYER_URL)
