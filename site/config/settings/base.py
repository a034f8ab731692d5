"""Base settings: production-safe. Every deployment value comes from the environment.

Conveniences for local work live in ``dev.py``; ``production.py`` adds hardening.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.urls import reverse_lazy
from oscar.defaults import *  # noqa: F403  (Oscar's settings, overridden below)

from marketplace.fulfilment import statuses as fulfilment_statuses

BASE_DIR = Path(__file__).resolve().parents[3]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Daphne first: `manage.py runserver` then serves HTTP and WebSockets (ASGI) with one
    # command; production keeps gunicorn for pages and runs Daphne for /ws/ only
    # (docs/decisions/0026).
    "daphne",
    # The theme comes first so that its templates override Oscar's storefront.
    "theme",
    # Our own apps.
    "marketplace.accounts",
    "marketplace.fulfilment",
    "marketplace",
    "marketplace.pricing",
    "marketplace.documents",
    "marketplace.privacy",
    "marketplace.rights",
    "marketplace.quotes",
    "marketplace.sharing",
    "marketplace.organisations",
    "marketplace.ledger",
    "content.core",
    "content.taxonomy",
    "content.providers",
    "content.services",
    "content.spaces",
    "content.appointments",
    "content.news",
    "content.feedback",
    # Wagtail.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "channels",
    "scheduler",
    # Oscar: forked apps replace Oscar's by keeping their labels.
    "marketplace.shop.WemiShopConfig",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "marketplace.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig",
    "marketplace.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "marketplace.partner.apps.PartnerConfig",
    "marketplace.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "marketplace.order.apps.OrderConfig",
    "marketplace.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Menus, footer links, locales: cached per publish (content/core/content_cache.py).
    "content.core.content_cache.ContentVersionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Headers and cookies of every response (docs/decisions/0011-accounts-isee-headers.md):
    # Content-Security-Policy with a nonce, Permissions-Policy, private pages not stored.
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.PrivacyHeadersMiddleware",
    "config.middleware.SharedCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.SessionIdleTimeoutMiddleware",
    # Login throttling (django-axes): turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    "marketplace.fulfilment.middleware.OscarDashboardForSuperusersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.QueryStringMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Acting for a citizen (docs/decisions/0021): sets request.acting_for, refuses URLs
    # outside the allow-list, logs each request; then Oscar's basket middleware, subclassed
    # so that the basket and the prices are the citizen's.
    "marketplace.privacy.acting.ActingForMiddleware",
    "marketplace.privacy.acting.ActingBasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.middleware.MissingFormFieldMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
# WebSockets (the quote threads' real-time channel, docs/decisions/0026): Django Channels.
ASGI_APPLICATION = "config.asgi.application"
# The channel layer carries a posted message from the process that saved it to the processes
# holding the sockets. Without a Redis URL, the in-memory layer: one process (the demo's
# runserver, the tests). Production sets WEMI_CHANNEL_LAYER_URL (channels-redis).
def channel_layers(redis_url):
    if not redis_url:
        return {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py 8 reads with a 5 s socket timeout by default, which cuts the layer's
            # blocking 5 s BZPOPMIN and closes every socket (django/channels_redis#422).
            "CONFIG": {"hosts": [{"address": redis_url, "socket_timeout": 30}],
                       "prefix": "wemi-ws"},
        }
    }


WEMI_CHANNEL_LAYER_URL = os.environ.get("WEMI_CHANNEL_LAYER_URL", "")
CHANNEL_LAYERS = channel_layers(WEMI_CHANNEL_LAYER_URL)
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # Not Oscar's search_form processor: its "search_form" (with a "sort_by" box)
                # landed in every template, Wagtail's report pages showed it. The site search
                # has its own form (search/includes/search_form.html).
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in CI and production); SQLite file for the demo.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writes queue instead of failing with "database is locked"
    # (docs/decisions/0009-sqlite-concurrency-and-display-labels.md): every transaction takes
    # the write lock when it begins (a read that later writes cannot deadlock), a writer waits
    # up to WEMI_SQLITE_TIMEOUT seconds for the one before it, and the write-ahead log lets
    # pages be read while an order is being written.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("WEMI_SQLITE_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Oscar's customers log in with their email: the custom user model is decided here, once.
AUTH_USER_MODEL = "marketplace_accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = reverse_lazy("customer:login")
LOGIN_REDIRECT_URL = reverse_lazy("customer:summary")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Italian first. Content languages are the same as UI languages.
LANGUAGE_CODE = "it"
LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("ar", "العربية"),
    ("zh-hans", "简体中文"),
    ("es", "Español"),
]
LANGUAGES_BIDI = ["ar"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats Django's locales lack (Arabic has no DATETIME_FORMAT): theme/formats/<lang>/.
FORMAT_MODULE_PATH = ["theme.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Rome"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Signed consent forms of delegations: never under MEDIA_ROOT, never served by a URL.
WEMI_PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("WEMI_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage (django-storages) when a bucket is named; the
# credentials come from boto3's own variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
if os.environ.get("DJANGO_MEDIA_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DJANGO_MEDIA_BUCKET"],
            "endpoint_url": os.environ.get("DJANGO_MEDIA_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_MEDIA_REGION") or None,
            "custom_domain": os.environ.get("DJANGO_MEDIA_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("DJANGO_MEDIA_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("DJANGO_CACHE_LOCATION", "wemi"),
    }
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
# An authenticated relay (e.g. port 587 with STARTTLS, or 465 with SSL).
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "WeMi <noreply@wemi.example>")

# Background work (search indexing, emails, PDFs) goes through Django's tasks framework.
# Callers enqueue inside transaction.on_commit so nothing runs before the data is committed.
# Production uses the database backend (django-tasks-db) and its worker, `manage.py db_worker`.
TASKS_BACKEND_DEFAULT = "django_tasks.backends.immediate.ImmediateBackend"
TASKS = {
    "default": {"BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", TASKS_BACKEND_DEFAULT)}
}


def frontend_cache_backends(urls):
    """``WAGTAILFRONTENDCACHE`` for the caching proxies at ``urls`` (comma-separated, e.g.
    ``http://10.0.0.5:80,http://10.0.0.6:80``): one Wagtail HTTP backend each, so that every
    proxy in front of the app servers gets every purge. Empty: nothing is purged."""
    locations = [url.strip() for url in (urls or "").split(",") if url.strip()]
    return {
        "proxy" if index == 0 else f"proxy{index + 1}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
        for index, location in enumerate(locations)
    }


# Caching proxy in front (Varnish, deploy/varnish/): Wagtail's frontend cache purges the
# affected URLs through the proxy's PURGE method, from a task run after commit
# (content.core.frontend_cache). Without a URL nothing is purged.
WAGTAILFRONTENDCACHE = frontend_cache_backends(os.environ.get("WAGTAIL_FRONTEND_CACHE_URL"))
# Each language's URL of a page is worked out from its own translation (slugs differ per
# language), not by rewriting the language prefix: Wagtail's rewrite is turned off.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Wagtail.
WAGTAIL_SITE_NAME = "WeMi"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Links in Oscar's e-mails use the scheme of the public address (its host is Django's Site
# row: marketplace/accounts/sites.py).
OSCAR_URL_SCHEMA = urlsplit(WAGTAILADMIN_BASE_URL).scheme or "https"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}
# Documents are always streamed by Wagtail's view, after its collection privacy check, never
# redirected to the storage's own URL (a bucket URL would bypass it; decision 0010).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# Oscar.
OSCAR_SHOP_NAME = "WeMi"
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_HOMEPAGE = "/"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = False
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode")
OSCAR_HIDDEN_FEATURES = ["reviews", "wishlists"]
# Phone numbers without "+" are read as numbers of this country (django-phonenumber-field's
# setting, used by marketplace.phones).
PHONENUMBER_DEFAULT_REGION = os.environ.get("WEMI_PHONE_REGION", "IT")
# Feedback limits and login throttling count per client address: REMOTE_ADDR, or, behind
# WEMI_TRUSTED_PROXY_COUNT (> 0) trusted proxies, the entry that many places from the right of
# the header WEMI_CLIENT_ADDRESS_HEADER (META key; X-Forwarded-For by default)
# (content/feedback/ratelimit.py client_address).
WEMI_CLIENT_ADDRESS_HEADER = os.environ.get("WEMI_CLIENT_ADDRESS_HEADER", "")
WEMI_TRUSTED_PROXY_COUNT = int(os.environ.get("WEMI_TRUSTED_PROXY_COUNT", "0"))
# Order fulfilment (marketplace.fulfilment): providers accept, decline, deliver order lines.
OSCAR_INITIAL_ORDER_STATUS = fulfilment_statuses.ORDER_PENDING
OSCAR_INITIAL_LINE_STATUS = fulfilment_statuses.PENDING
OSCAR_ORDER_STATUS_PIPELINE = fulfilment_statuses.ORDER_STATUS_PIPELINE
OSCAR_LINE_STATUS_PIPELINE = fulfilment_statuses.LINE_STATUS_PIPELINE
OSCAR_SAVE_SENT_EMAILS_TO_DB = True
OSCAR_BASKET_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", False)
# Oscar's own product search (haystack) is not used: the search app has its own engines.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# Site search engine: "database" (embedded default) or "elasticsearch".
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# Alias the Elasticsearch engine searches; each rebuild creates "<alias>-<timestamp>".
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "wemi-services")
# A secured cluster (Elasticsearch 8 starts with TLS and authentication): an API key, or a
# user and password; the CA certificate's path or its SHA-256 fingerprint. Timeouts in
# seconds: searches fail fast, indexing (updates, rebuilds) may take longer.
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_USERNAME = os.environ.get("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_SSL_FINGERPRINT = os.environ.get("ELASTICSEARCH_SSL_FINGERPRINT", "")
ELASTICSEARCH_VERIFY_CERTS = env_bool("ELASTICSEARCH_VERIFY_CERTS", True)
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5"))
ELASTICSEARCH_INDEXING_TIMEOUT = float(os.environ.get("ELASTICSEARCH_INDEXING_TIMEOUT", "120"))

# Sessions: a citizen may log in on a shared computer at a Spazio WeMi. Without "remember me"
# the session cookie ends with the browser and the session after WEMI_SESSION_IDLE_TIMEOUT
# seconds without a request (config.middleware.SessionIdleTimeoutMiddleware); with it, the
# session lasts SESSION_COOKIE_AGE (Wagtail's login uses the same age for its "remember me").
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(14 * 24 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
WEMI_SESSION_IDLE_TIMEOUT = int(os.environ.get("WEMI_SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling (django-axes) on the storefront and /cms/ logins alike: after
# AXES_FAILURE_LIMIT wrong passwords for one account from one client address, that pair is
# locked for AXES_COOLOFF_TIME hours, or until a Comune operator unlocks it in /cms/.
AXES_FAILURE_LIMIT = int(os.environ.get("WEMI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("WEMI_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "marketplace.customer.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_ip_address"
AXES_USERNAME_CALLABLE = "config.middleware.login_username"
# Never stored with the failed attempt (Oscar's login form prefixes its fields).
AXES_SENSITIVE_PARAMETERS = [
    "username", "ip_address", "password", "login-username", "login-password",
    "registration-email",
]
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Successful logins are not logged with address and browser (data minimisation).
AXES_DISABLE_ACCESS_LOG = True

# Content-Security-Policy (django-csp 4). Public pages: scripts and styles from this origin
# or carrying the response's nonce, nothing inline otherwise. The Wagtail admin (/cms/) and
# the Django admin still write inline scripts and styles: they get ADMIN_CONTENT_SECURITY_POLICY
# (config.middleware.ContentSecurityPolicyMiddleware), which keeps every other restriction.
_CSP_COMMON = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [],
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
    },
}
ADMIN_CONTENT_SECURITY_POLICY = {
    **_CSP_COMMON,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}
ADMIN_URL_PREFIXES = ("/cms/", "/django-admin/")
# Browser features no WeMi page uses are refused to every origin.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), fullscreen=(self), geolocation=(), "
    "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# Avatars in /cms/ are initials, not Gravatar images (no staff email hash leaves the site).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No request to releases.wagtail.org from editors' browsers (the policy allows only our origin).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Responses to logged-in visitors, and every page under these paths (after the language
# prefix), carry Cache-Control: private, no-store: no shared or back-button copy of a
# citizen's orders, basket, profile, emails, ISEE or checkout.
PRIVATE_PATH_PREFIXES = ("shop/basket/", "shop/checkout/", "shop/accounts/", "shop/isee/",
                         "shop/documents/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # One line per task state change is noise (19,000 lines in a demo seed); failures
        # are still logged as errors.
        "django_tasks": {"level": os.environ.get("DJANGO_TASKS_LOG_LEVEL", "WARNING")},
        # WeasyPrint reports each rendering step ("Step 2 - Fetching and parsing CSS").
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Joining sharing groups, per account (django-ratelimit, counted in the default cache: Redis in
# production): a forwarded invite link cannot be used to probe or flood groups
# (docs/decisions/0025).
WEMI_SHARING_JOIN_RATE = os.environ.get("WEMI_SHARING_JOIN_RATE", "10/h")

# A request holding voucher money that its provider leaves unanswered this many days (as long
# as a provider has to answer a quote request) lapses: ``manage.py lapse_voucher_orders``
# declines it and gives the money back to the voucher (docs/decisions/0027).
WEMI_VOUCHER_ANSWER_DAYS = int(os.environ.get("WEMI_VOUCHER_ANSWER_DAYS", "7"))
