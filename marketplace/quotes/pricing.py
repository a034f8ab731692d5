"""How an accepted quote is bought: a basket line of the service's "quoted" product, from
the quote's provider, with the line option ``quote=<uuid>``.

Three small hooks call this module: the strategy's ``fetch_for_line`` (the price and
availability of such a line), the basket's ``get_stock_info`` (the same when the line is
added) and the order creator (``claim_for_order_line``: ``accepted -> ordered`` by one
conditional UPDATE inside the placement transaction).
"""

from django.db import transaction
from django.utils.text import slugify
from oscar.apps.partner import availability, prices
from oscar.apps.partner.strategy import PurchaseInfo
from oscar.core.loading import get_model

from . import rules, workflow
from .models import Quote

QUOTE_OPTION = "quote"
QUOTED_CLASS = "quoted-service"

Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


def quote_option():
    return Option.objects.get_or_create(
        code=QUOTE_OPTION, defaults={"name": "Preventivo", "type": Option.TEXT}
    )[0]


@transaction.atomic
def offer_for(quote, title):
    """The stock record that sells ``quote``: the service's quoted product (not public,
    no stock tracking, created on first use) from the quote's provider, without a price of
    its own (each line is priced from its quote)."""
    product_class = ProductClass.objects.get_or_create(
        slug=QUOTED_CLASS,
        defaults={"name": "Servizio su preventivo", "requires_shipping": False,
                  "track_stock": False},
    )[0]
    key = quote.service_key or quote.request.service_key
    product = Product.objects.filter(
        product_class=product_class, service_key=key, pricing_kind=quote.pricing_kind
    ).first()
    if product is None:
        product = Product.objects.create(
            title=title[:255],
            structure=Product.STANDALONE,
            product_class=product_class,
            service_key=key,
            pricing_kind=quote.pricing_kind,
            is_public=False,
            slug=slugify(f"preventivo-{title}")[:100] + f"-{quote.pk}",
        )
    stockrecord = StockRecord.objects.filter(product=product, partner=quote.partner).first()
    if stockrecord is None:
        stockrecord = StockRecord.objects.create(
            product=product,
            partner=quote.partner,
            partner_sku=f"QUOTE-{product.pk}-{quote.partner_id}",
            price=None,
            price_currency="EUR",
            num_in_stock=None,
            unit=StockRecord.Unit.PACKAGE,
        )
    return stockrecord


def _purchase_info(strategy, quote_uuid, owner, stockrecord):
    """A ``PurchaseInfo`` for a line of quote ``quote_uuid`` in ``owner``'s basket: the
    quoted amount (or its ISEE share) while the quote is payable, else unavailable."""
    from marketplace.partner.strategy import CitizenPrice

    quote = Quote.objects.filter(uuid=quote_uuid).select_related("request").first()
    if (
        quote is None
        or owner is None
        or quote.request.citizen_id != owner.pk
        or stockrecord is None
        or quote.partner_id != stockrecord.partner_id
        or not rules.is_payable(quote.status, quote.valid_until, workflow.today())
    ):
        return PurchaseInfo(
            price=prices.Unavailable(), availability=availability.Unavailable(),
            stockrecord=stockrecord,
        )
    band = strategy.band if quote.pricing_kind == Quote.PricingKind.ACCREDITED else None
    offer_price = rules.charge_for(quote.amount, quote.pricing_kind, band)
    return PurchaseInfo(
        price=CitizenPrice("EUR", offer_price),
        availability=availability.Available(),
        stockrecord=stockrecord,
    )


def _valid_uuid(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def fetch_for_line(strategy, line, stockrecord):
    """For ``Strategy.fetch_for_line``: the purchase info of a quote line, or None for any
    other line (the caller prices it as usual)."""
    if line.product.product_class is None or line.product.product_class.slug != QUOTED_CLASS:
        return None
    value = next(
        (attr.value for attr in line.attributes.all() if attr.option.code == QUOTE_OPTION), None
    )
    return _purchase_info(strategy, _valid_uuid(value), line.basket.owner,
                          stockrecord or line.stockrecord)


def _code_and_value(item):
    """Oscar passes options as ``{"option", "value"}`` dicts or as line attributes."""
    if isinstance(item, dict):
        return item["option"].code, item["value"]
    return item.option.code, item.value


def stock_info_for_options(strategy, product, options, owner):
    """For ``Basket.get_stock_info``: the purchase info when a quote line is added, from
    the quote's provider's stock record of ``product``; None for other lines."""
    value = next((value for code, value in map(_code_and_value, options or [])
                  if code == QUOTE_OPTION), None)
    if value is None:
        return None
    quote_uuid = _valid_uuid(value)
    partner_id = Quote.objects.filter(uuid=quote_uuid).values_list("partner_id", flat=True)
    stockrecord = StockRecord.objects.filter(product=product, partner_id__in=partner_id).first()
    return _purchase_info(strategy, quote_uuid, owner, stockrecord)


def claim_for_basket_line(basket_line, user):
    """At placement, before the order line is written: the quote of a quote line becomes
    ``ordered`` (one conditional UPDATE). Returns the quote's id (None for other lines).
    Raises ``workflow.QuoteNotPayable`` when it is no longer payable: the order rolls back."""
    value = next(
        (attr.value for attr in basket_line.attributes.all()
         if attr.option.code == QUOTE_OPTION), None
    )
    if value is None:
        return None
    quote = Quote.objects.filter(uuid=_valid_uuid(value)).only("pk").first()
    if quote is None:
        raise workflow.QuoteNotPayable()
    workflow.mark_ordered(quote.pk, None, user)
    return quote.pk


def link_order_line(quote_id, order_line):
    """The ordered quote points at the order line that pays it."""
    if quote_id is not None:
        Quote.objects.filter(pk=quote_id, status="ordered").update(order_line=order_line)
