"""Template tags of WeMi's e-mails (marketplace/emails.py): absolute links to the public site."""

from django import template
from django.utils import translation

from marketplace import emails

register = template.Library()


@register.simple_tag
def site_url(path=""):
    """``{% site_url path %}``: the absolute URL of ``path`` on the public site."""
    return emails.site_url(path)


@register.simple_tag
def home_url():
    """The absolute URL of the home page in the active language."""
    return emails.site_url(f"/{translation.get_language()}/")
