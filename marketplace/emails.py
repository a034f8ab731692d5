"""WeMi's e-mails: one layout, the recipient's language and direction, the real site URL.

Every e-mail the site sends (order confirmation, order status changes, account e-mails) is
rendered by :func:`render_messages` from three templates, ``<prefix>_subject.txt``,
``<prefix>_body.txt`` and ``<prefix>_body.html``, which extend ``marketplace/emails/base.txt``
and ``marketplace/emails/base.html`` (WeMi's signature, the site address, ``<html lang dir>``).
Oscar's own e-mails (order placed, password reset and change) use the same bases through the
templates that ``theme`` puts over Oscar's ``oscar/communication/emails/``.

Links are absolute, built from ``settings.WAGTAILADMIN_BASE_URL`` (the public address of the
site, from the environment, also used by Wagtail's own e-mails), never from the request's
Host header nor from Django's ``Site`` (``example.com``). See docs/decisions/0012.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def site_url(path=""):
    """The absolute URL of ``path`` (``"/it/shop/..."``) on the public site.

    >>> site_url("/it/")  # with WAGTAILADMIN_BASE_URL = "https://wemi.comune.milano.it/"
    'https://wemi.comune.milano.it/it/'
    """
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def recipient_language(order=None, language=None):
    """The language an e-mail is written in: the order's (the language it was placed in),
    else ``language`` (the request's, for account e-mails), else the site's default."""
    codes = {code for code, _name in settings.LANGUAGES}
    for candidate in (getattr(order, "language", None), language):
        if candidate and candidate in codes:
            return candidate
    return settings.LANGUAGE_CODE


def render_messages(prefix, context, language):
    """Oscar's message dict (``subject``, ``body``, ``html``, ``sms``) of the e-mail
    ``prefix``, rendered in ``language`` (activated while rendering, so that dates, numbers,
    the reversed URLs and the direction are the recipient's)."""
    with translation.override(language):
        context = {"site_url": site_url("/"), "home_url": site_url(f"/{language}/"), **context}
        subject = render_to_string(f"{prefix}_subject.txt", context)
        body = render_to_string(f"{prefix}_body.txt", context)
        html = render_to_string(f"{prefix}_body.html", context)
    return {"subject": " ".join(subject.split()), "body": body, "html": html, "sms": ""}
