"""Django's ``Site`` row from the settings: what account e-mails call the site and where
their links point.

Oscar's e-mails (registration, password reset and change, e-mail change) and Django's
password reset take the site's name and domain from ``django.contrib.sites`` (``SITE_ID``),
whose row Django creates as "example.com". It is kept equal to ``WAGTAIL_SITE_NAME`` and to
the host of ``WAGTAILADMIN_BASE_URL`` (the public address, also Wagtail's e-mail links) every
time ``migrate`` runs, and after the test flushes that re-run ``post_migrate``.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS


def site_domain():
    """The host (and port, if any) of the public address, e.g. ``wemi.comune.milano.it``."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or "localhost"


def sync_django_site(apps=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """Create or update the ``SITE_ID`` row with the site's name and public domain
    (a ``post_migrate`` receiver; callable on its own). Returns the row."""
    if apps is None:
        from django.apps import apps
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:  # a migration state without the sites app
        return None
    site, _created = Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": site_domain(), "name": settings.WAGTAIL_SITE_NAME},
    )
    return site
