"""Offers seen from the service pages: which products sell a service, and their titles."""

from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Locale


def service_titles(products):
    """Titles of the services sold by ``products`` in the active language (else Italian).

    One query: ``{product_id: title}``; products without a service keep no entry.
    """
    from content.services.models import ServicePage

    keys = {product.pk: product.service_key for product in products if product.service_key}
    if not keys:
        return {}
    language = translation.get_language() or Locale.get_default().language_code
    pages = ServicePage.objects.filter(translation_key__in=set(keys.values())).values_list(
        "translation_key", "locale__language_code", "title"
    )
    default_language = Locale.get_default().language_code
    titles = {}
    for key, page_language, title in pages:
        if page_language == language or (page_language == default_language and key not in titles):
            titles[key] = title
    return {pk: titles[key] for pk, key in keys.items() if key in titles}


def offers_for_service(service_page):
    """The stock records (offers) selling a service, cheapest first, with their products."""
    StockRecord = get_model("partner", "StockRecord")
    return list(
        StockRecord.objects.filter(
            product__service_key=service_page.translation_key, product__is_public=True
        )
        .select_related("product", "partner")
        .order_by("price", "pk")
    )
