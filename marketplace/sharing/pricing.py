"""The price of a shared order line, for the pricing strategy (``IseeStrategy.fetch_for_line``).

A basket line with the ``sharing_group`` option is a member's share of a confirmed group:
its full price per unit is ``member_charge(cap, final)`` (the group's final price, never
above what the member accepted when joining) instead of the offer's individual price; the
member's ISEE band then splits it between the household and the Comune as for any order.
"""

from types import SimpleNamespace

from oscar.apps.partner import availability
from oscar.apps.partner.strategy import PurchaseInfo

from marketplace.pricing import rules as pricing_rules

from . import rules


def sharing_group_id(line):
    """The group id named by a basket line's options, or None."""
    from .groups import SHARING_OPTION

    if line.pk is None:
        return None
    for attribute in line.attributes.all():
        if attribute.option and attribute.option.code == SHARING_OPTION:
            value = str(attribute.value)
            return int(value) if value.isdigit() else None
    return None


def shared_line_price(strategy, line, info):
    """``info`` (the line's usual PurchaseInfo) repriced for a shared line; unchanged for
    any other line, or when the line's owner is not an active member of a priced group."""
    from marketplace.partner.strategy import CitizenPrice

    from .models import Membership

    group_id = sharing_group_id(line)
    if group_id is None:
        return info
    membership = (
        Membership.objects.filter(
            group_id=group_id,
            household_id=line.basket.owner_id,
            status__in=Membership.ACTIVE,
            group__final_unit_price__isnull=False,
        )
        .select_related("group")
        .first()
    )
    if membership is None or info.stockrecord is None:
        return PurchaseInfo(
            price=info.price, availability=availability.Unavailable(), stockrecord=info.stockrecord
        )
    charge = rules.member_charge(membership.price_cap, membership.group.final_unit_price)
    priced = SimpleNamespace(product=info.stockrecord.product, price=charge)
    offer_price = pricing_rules.price_for(
        priced, strategy.isee_declaration, strategy.on_date, strategy.bands
    )
    return PurchaseInfo(
        price=CitizenPrice(info.stockrecord.price_currency, offer_price),
        availability=availability.Available(),
        stockrecord=info.stockrecord,
    )
