"""The pricing strategy an organisation buys with: full price, no ISEE share."""

from oscar.apps.partner import prices

from marketplace.partner.strategy import CitizenPrice, IseeStrategy

from . import rules


class OrganisationStrategy(IseeStrategy):
    """Prices as an organisation sees them when it buys (the form's offer labels); the
    order's line is priced by ``IseeStrategy.fetch_for_line`` through its ``organisation``
    option, with the same rule."""

    def pricing_policy(self, product, stockrecord):
        if stockrecord is None or (stockrecord.price is None and product.pricing_kind != "free"):
            return prices.Unavailable()
        return CitizenPrice(
            stockrecord.price_currency,
            rules.organisation_price(product.pricing_kind, stockrecord.price),
        )
