"""Offers seen from the service pages: which products sell a service, and their titles."""

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.models import Locale

from marketplace import line_options
from marketplace.pricing import rules


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


def describe_lines(basket, lines=None):
    """Basket lines with the service title in the reader's language, options and split."""
    lines = list(basket.all_lines()) if lines is None else list(lines)
    titles = service_titles([line.product for line in lines])
    rows = []
    for line in lines:
        price = line.purchase_info.price
        contribution = getattr(price, "comune_contribution", Decimal("0.00")) * line.quantity
        rows.append(
            {
                "line": line,
                "title": titles.get(line.product_id, line.product.get_title()),
                "options": line_options.describe(line.attributes.all()),
                "full_price": getattr(price, "full_price", price.excl_tax) * line.quantity,
                "comune_contribution": contribution,
                "citizen_price": line.line_price_incl_tax,
                "unit": line.stockrecord.get_unit_display() if line.stockrecord else "",
            }
        )
    return rows


# "from 18,50 € per hour": the unit as a price is read (the same words as the search's).
PER_UNIT = {
    "hour": _("per hour"),
    "session": _("per session"),
    "month": _("per month"),
    "package": _("per package"),
}


def lowest_full_prices(service_pages):
    """``{page id: (lowest full price per unit, unit label)}`` of these service pages' public
    offers (a free offer: 0 and no unit), in two queries; pages without a priced offer are
    absent. The full price (the Comune tariff of an accredited offer) is the same for every
    reader, so it can be shown on pages that are cached for everyone."""
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    pages = list(service_pages)
    keys = {str(page.translation_key) for page in pages}
    lowest = {}

    def offer(key, price, label):
        if key not in lowest or price < lowest[key][0]:
            lowest[key] = (price, label)

    for key in Product.objects.filter(
        service_key__in=keys, is_public=True, pricing_kind=Product.PricingKind.FREE
    ).values_list("service_key", flat=True):
        offer(str(key), Decimal("0.00"), "")
    for record in StockRecord.objects.filter(
        product__service_key__in=keys, product__is_public=True, price__isnull=False
    ).only("price", "unit", "product__service_key").select_related("product"):
        offer(str(record.product.service_key), record.price, str(PER_UNIT.get(record.unit, "")))
    return {
        page.pk: lowest[str(page.translation_key)]
        for page in pages
        if str(page.translation_key) in lowest
    }

def pricing_advice(strategy, accredited_tariffs):
    """Why this household pays what it pays for accredited offers, and what an ISEE would save.

    ``strategy`` is the request's ``IseeStrategy``; ``accredited_tariffs`` the full Comune
    tariffs (EUR, per line or per unit) of the accredited offers in view. Returns None for
    anonymous visitors or without accredited offers, else ``{"explanation": str,
    "without_isee": None | {"full": Decimal, "lowest": Decimal}}``: ``without_isee`` is set
    when the household has no valid ISEE and the lowest band would pay less than it does.
    """
    tariffs = [Decimal(tariff) for tariff in accredited_tariffs if tariff]
    band = getattr(strategy, "band", None)
    if band is None or not tariffs:
        return None
    isee = rules.valid_isee_value(strategy.isee_declaration, strategy.on_date)
    advice = {"explanation": rules.share_explanation(isee, band), "without_isee": None}
    lowest_share = min(
        (other.share_percent for other in strategy.bands), default=band.share_percent
    )
    if isee is None and lowest_share < band.share_percent:
        total = sum(tariffs, start=Decimal("0.00"))
        advice["without_isee"] = {
            "full": rules.share_of(total, band.share_percent),
            "lowest": rules.share_of(total, lowest_share),
        }
    return advice
