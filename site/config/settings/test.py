"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set (CI).

The test database is file-backed and reused between runs (``--reuse-db``):
migrations take tens of seconds. ``WEMI_TEST_DB`` names it, so that parallel
sessions on one machine do not share a test database.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, os

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / ".test-media"
WEMI_PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"

_test_db = os.environ.get("WEMI_TEST_DB", "wemi_test")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["NAME"] = str(BASE_DIR / f".{_test_db}.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".{_test_db}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": _test_db}

# Tests run without collectstatic: WhiteNoise serves straight from the static finders.
WHITENOISE_AUTOREFRESH = True
