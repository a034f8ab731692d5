from decimal import Decimal

from django import template
from django.utils.html import format_html
from oscar.core.loading import get_class

from marketplace.forms import AddToBasketForm
from marketplace.offers import (
    describe_lines,
    lowest_full_prices,
    offers_for_service,
    pricing_advice,
    service_titles,
)

Selector = get_class("partner.strategy", "Selector")

register = template.Library()


@register.inclusion_tag("marketplace/service_offers.html", takes_context=True)
def service_offers(context, page):
    """The offers of a service with the reader's price, and the add-to-basket form.

    Anonymous visitors get the offers at the full tariff and a link to log in and book,
    not the form: the page is then the same for all of them, without a CSRF cookie, and
    the caching proxy can share it (docs/decisions/0015-production-profile.md).
    """
    request = context["request"]
    strategy = getattr(request, "strategy", None) or Selector().strategy(
        request=request, user=getattr(request, "user", None)
    )
    offers = []
    for offer in offers_for_service(page):
        info = strategy.fetch_for_product(offer.product, offer)
        offers.append({"offer": offer, "price": info.price, "availability": info.availability})
    user = request.user
    tariffs = [
        row["offer"].price
        for row in offers
        if row["offer"].product.pricing_kind == "accredited" and row["offer"].price
    ]
    return {
        "advice": pricing_advice(strategy, [min(tariffs)] if tariffs else []),
        "request": request,
        "page": page,
        "offers": offers,
        "is_citizen": user.is_authenticated,
        "has_valid_isee": getattr(strategy, "isee_declaration", None) is not None
        and not strategy.isee_notice,
        "isee_notice": getattr(strategy, "isee_notice", ""),
        "form": AddToBasketForm(page, strategy, getattr(request, "basket", None))
        if offers and user.is_authenticated
        else None,
    }


@register.simple_tag
def basket_rows(formset):
    """Pairs of (line form, line summary) for the basket page: titles, options, split."""
    forms = list(formset)
    if not forms:
        return []
    rows = describe_lines(forms[0].instance.basket, [form.instance for form in forms])
    return list(zip(forms, rows, strict=True))


@register.simple_tag(takes_context=True)
def basket_pricing_advice(context, rows):
    """``pricing_advice`` for the accredited lines of a basket (their full tariffs).

    ``rows`` are ``describe_lines`` rows, or ``(form, row)`` pairs from ``basket_rows``.
    """
    request = context["request"]
    rows = [row[1] if isinstance(row, tuple) else row for row in rows]
    tariffs = [
        row["full_price"] for row in rows if row["line"].product.pricing_kind == "accredited"
    ]
    return pricing_advice(getattr(request, "strategy", None), tariffs)


@register.simple_tag
def comune_total(rows):
    return sum((row["comune_contribution"] for _form, row in rows), start=Decimal("0.00"))


@register.simple_tag
def full_prices(service_pages):
    """``{% full_prices services as prices %}``: each page's lowest full price and unit."""
    return lowest_full_prices(service_pages)


@register.filter
def price_of(prices, page):
    """``{{ prices|price_of:service }}``: the ``(price, unit label)`` of one page, or None."""
    return prices.get(page.pk) if prices else None


@register.filter
def ltr(value):
    """``value`` isolated left to right (``<bdi dir="ltr">``), escaped.

    For phone numbers, e-mail addresses, IBANs, codes and order numbers: in a right-to-left
    page "+39 345 678 9012" would otherwise read "9012 678 345 39+". Safe inside
    ``blocktranslate`` (the msgid does not change).
    """
    if value in (None, ""):
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.filter
def isolate(value):
    """``value`` in ``<bdi>`` (direction from its own text), escaped: an Italian service title
    inside an Arabic sentence keeps its words and the quotes around it in place."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def service_title(product, fallback=""):
    """The title of the service ``product`` sells, in the reader's language.

    Products and order lines keep the title the product had when it was made or ordered
    (Italian); the service's page in the active language gives the title shown
    (``service_titles``). A product without a service shows ``fallback`` or its own title.
    """
    if product is None:
        return fallback
    return service_titles([product]).get(product.pk, fallback or product.get_title())


@register.filter
def line_title(line):
    """The service an order line booked, titled in the reader's language; a line whose
    product is gone shows the title it stored."""
    product = line.product if line.product_id else None
    return service_title(product, line.title)
