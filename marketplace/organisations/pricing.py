"""The price of a line bought for an organisation, for ``IseeStrategy.fetch_for_line``.

A basket line with the ``organisation`` option is bought by a representative for the whole
building or workforce and billed to the organisation: it is priced at the offer's full price
with no ISEE share (a legal entity has no ISEE) and no Comune contribution. The line is
unavailable unless its basket's owner may act for that organisation now (verified
representative of a verified organisation), so a forged option buys nothing.
"""

from oscar.apps.partner import availability
from oscar.apps.partner.strategy import PurchaseInfo

from . import rules

ORGANISATION_OPTION = "organisation"


def organisation_id(line):
    """The organisation id named by a basket line's options, or None."""
    if line.pk is None:
        return None
    for attribute in line.attributes.all():
        if attribute.option and attribute.option.code == ORGANISATION_OPTION:
            value = str(attribute.value)
            return int(value) if value.isdigit() else 0
    return None


def organisation_line_price(strategy, line, info):
    """``info`` repriced for a line bought for an organisation; unchanged for other lines."""
    from marketplace.partner.strategy import CitizenPrice

    from .models import OrganisationMember

    org_id = organisation_id(line)
    if org_id is None:
        return info
    acting = OrganisationMember.objects.acting().filter(
        organisation_id=org_id, user_id=line.basket.owner_id
    ).exists()
    if not acting or info.stockrecord is None or info.stockrecord.price is None and (
        info.stockrecord.product.pricing_kind != "free"
    ):
        return PurchaseInfo(
            price=info.price, availability=availability.Unavailable(), stockrecord=info.stockrecord
        )
    offer = info.stockrecord
    return PurchaseInfo(
        price=CitizenPrice(
            offer.price_currency, rules.organisation_price(offer.product.pricing_kind, offer.price)
        ),
        availability=info.availability,
        stockrecord=offer,
    )

