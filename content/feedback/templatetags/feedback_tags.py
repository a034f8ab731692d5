"""Template tags: the feedback widgets, the footer's links, a service page's JSON-LD."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from content.core.content_cache import cached, site_for_request

from ..forms import PageRatingForm, ProblemReportForm
from ..models import FooterSettings
from ..structured_data import government_service

register = template.Library()

# The characters that could end a <script> element or start markup, as JSON escapes.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("content_feedback/page_feedback.html", takes_context=True)
def page_feedback(context, page):
    """The "How clear is this page?" rating and the "report a problem" form for ``page``."""
    return {
        "request": context.get("request"),
        "page": page,
        "rating_form": PageRatingForm(),
        "report_form": ProblemReportForm(),
    }


def _live_localized(page):
    """The page in the reader's language (or as it is), if it is published."""
    if page is None:
        return None
    localized_page = page.localized
    return localized_page if localized_page.live else None


@register.simple_tag(takes_context=True)
def footer_settings_links(context):
    """Addresses of the footer's pages in the reader's language (unset or unpublished ones
    left out) and the contacts."""
    request = context.get("request")
    if request is None:
        return {}
    if not hasattr(request, "_wemi_footer_links"):
        site = site_for_request(request)
        # Once per publish (or settings save), per site and language.
        request._wemi_footer_links = cached(
            "footer-links",
            lambda: _footer_links(request),
            site.pk if site else "",
            get_language(),
            request.get_host(),
        )
    return request._wemi_footer_links


def _footer_links(request):
    footer = FooterSettings.for_request(request)
    links = {}
    for name in ("accessibility_page", "privacy_page", "faq_page", "legal_notes_page"):
        page = _live_localized(getattr(footer, name))
        if page is not None:
            links[name.removesuffix("_page")] = page.get_url(request)
    if footer.accessibility_statement_url:
        links["accessibility"] = footer.accessibility_statement_url
    links["email"] = footer.contact_email
    links["phone"] = footer.contact_phone
    links["address"] = footer.contact_address
    return links


@register.simple_tag(takes_context=True)
def is_legal_notes_page(context, page):
    """Whether ``page`` (in any language) is the footer's legal notes page, which carries the
    Designers Italia "Licenza dei contenuti" section (C.SI.3.4)."""
    request = context.get("request")
    if request is None or page is None:
        return False
    legal_notes = FooterSettings.for_request(request).legal_notes_page
    return legal_notes is not None and legal_notes.translation_key == page.translation_key


@register.simple_tag(takes_context=True)
def service_structured_data(context, page):
    """A ``<script type="application/ld+json">`` with the service's schema.org description."""
    data = json.dumps(government_service(page, context.get("request")), ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json" data-element="metatag">{}</script>',
        mark_safe(data.translate(_JSON_SCRIPT_ESCAPES)),
    )
