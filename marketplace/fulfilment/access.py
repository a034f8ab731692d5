"""Who sees and acts on which order lines and offers.

Provider staff (members of a provider page's staff group) see and fulfil the lines of their
own partner only; Comune operators (``view_all_orders``) see every line; the accredited
tariff of an offer is set by Comune staff (``change_accredited_tariff``) only.
"""

from oscar.core.loading import get_model

from content.providers.permissions import provider_pages_for

Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

VIEW_ALL_ORDERS = "marketplace_fulfilment.view_all_orders"
CHANGE_ACCREDITED_TARIFF = "marketplace_fulfilment.change_accredited_tariff"


def partners_of(user):
    """The partners (providers as sellers) whose staff the user belongs to."""
    return Partner.objects.filter(
        provider_key__in=provider_pages_for(user).values("translation_key")
    )


def can_view_all_orders(user):
    return user.has_perm(VIEW_ALL_ORDERS)


def can_set_accredited_tariff(user):
    return user.has_perm(CHANGE_ACCREDITED_TARIFF)


def lines_to_fulfil(user):
    """The order lines the user may accept, decline or deliver: their partner's."""
    return Line.objects.filter(partner__in=partners_of(user))


def visible_lines(user):
    """The order lines the user may see in the admin."""
    if can_view_all_orders(user):
        return Line.objects.all()
    return lines_to_fulfil(user)


def uses_orders_workspace(user):
    return can_view_all_orders(user) or partners_of(user).exists()


def visible_offers(user):
    """The offers (stock records) listed in the user's "Offers" workspace."""
    offers = StockRecord.objects.filter(partner__in=partners_of(user))
    if can_set_accredited_tariff(user):
        offers = offers | StockRecord.objects.filter(
            product__pricing_kind=Product.PricingKind.ACCREDITED
        )
    return offers


def uses_offers_workspace(user):
    return can_set_accredited_tariff(user) or partners_of(user).exists()


def editable_offer_fields(user, stockrecord):
    """The fields of the offer the user may change.

    The provider's staff set the capacity and, for market-priced and free offers, the unit
    and (market only) the price. The price and the unit of an accredited offer are the Comune
    tariff (so much per hour, per session...): only Comune staff set them, and the provider
    sees them read-only. A free offer has no price to set. A market price the provider
    changes applies at once to new bookings, without moderation (docs/decisions/0014).
    """
    fields = []
    is_own = partners_of(user).filter(pk=stockrecord.partner_id).exists()
    pricing_kind = stockrecord.product.pricing_kind
    accredited = pricing_kind == Product.PricingKind.ACCREDITED
    if accredited and can_set_accredited_tariff(user):
        fields += ["unit", "price"]
    elif is_own and not accredited:
        fields.append("unit")
    if is_own:
        fields.append("num_in_stock")
    if pricing_kind == Product.PricingKind.MARKET and is_own:
        fields.append("price")
    return fields
