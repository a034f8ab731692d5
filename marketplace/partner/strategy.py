"""Pricing strategy: what an offer costs the citizen who is looking at it.

Oscar asks the selector for a strategy per request (and per basket). The strategy reads the
user's ISEE declaration and the bands valid today once, and prices every offer with
:func:`marketplace.pricing.rules.price_for`: the ``PurchaseInfo`` price is the citizen's price;
the full price and the Comune's contribution travel with it to the order line.
"""

from decimal import Decimal
from functools import cached_property

from django.utils import timezone
from oscar.apps.partner import availability, prices, strategy

from marketplace.places import places_for
from marketplace.pricing import rules
from marketplace.pricing.models import IseeBand, IseeDeclaration


class CitizenPrice(prices.FixedPrice):
    """Oscar's fixed price, carrying the split between citizen and Comune."""

    def __init__(self, currency, offer_price):
        super().__init__(currency=currency, excl_tax=offer_price.citizen_price, tax=Decimal("0.00"))
        self.offer_price = offer_price
        self.full_price = offer_price.full_price
        self.comune_contribution = offer_price.comune_contribution


class PlacesRequired(availability.StockRequired):
    """Oscar's stock policy counting places: a booking of any quantity needs one place."""

    def is_purchase_permitted(self, quantity):
        return self.are_places_left(places_for(quantity))

    def are_places_left(self, places):
        """``(permitted, reason)`` for bookings needing ``places`` places in all."""
        return super().is_purchase_permitted(places)


class ServiceAvailability:
    """Offers with a capacity sell while places are left; without one they always sell."""

    def availability_policy(self, product, stockrecord):
        if stockrecord is None or not product.is_public:
            return availability.Unavailable()
        if stockrecord.num_in_stock is None:
            return availability.Available()
        return PlacesRequired(stockrecord.net_stock_level)


class IseePricing:
    def pricing_policy(self, product, stockrecord):
        if stockrecord is None or (stockrecord.price is None and product.pricing_kind != "free"):
            return prices.Unavailable()
        offer_price = rules.price_for(stockrecord, self.isee_declaration, self.on_date, self.bands)
        return CitizenPrice(stockrecord.price_currency, offer_price)


class IseeStrategy(
    strategy.UseFirstStockRecord, ServiceAvailability, IseePricing, strategy.Structured
):
    """Prices for one citizen (or for nobody: anonymous visitors pay the full tariff)."""

    def __init__(self, request=None, user=None):
        super().__init__(request)
        self.user = user if user is not None else getattr(request, "user", None)
        self.on_date = timezone.localdate()

    def fetch_for_line(self, line, stockrecord=None):
        """A line of an accepted quote is priced from the quote (marketplace.quotes); a
        household's part of a sharing group by its group (marketplace.sharing); a line
        bought for an organisation at full price without ISEE (marketplace.organisations);
        every other line as its product."""
        from marketplace.organisations.pricing import organisation_line_price
        from marketplace.quotes.pricing import fetch_for_line as fetch_for_quote_line
        from marketplace.sharing.pricing import shared_line_price

        info = fetch_for_quote_line(self, line, stockrecord)
        if info is not None:
            return info
        info = super().fetch_for_line(line, stockrecord)
        return organisation_line_price(self, line, shared_line_price(self, line, info))

    @cached_property
    def isee_declaration(self):
        if self.user is None or not self.user.is_authenticated:
            return None
        return IseeDeclaration.objects.filter(user=self.user).first()

    @cached_property
    def bands(self):
        return IseeBand.rules_valid_on(self.on_date)

    @cached_property
    def band(self):
        """The household's ISEE band today; None for anonymous visitors (full tariff)."""
        if self.user is None or not self.user.is_authenticated:
            return None
        value = rules.valid_isee_value(self.isee_declaration, self.on_date)
        return rules.band_for(value, self.bands)

    @property
    def price_share(self):
        """The share (%) of Comune tariffs this household pays: 100 without a band."""
        return rules.HUNDRED if self.band is None else self.band.share_percent

    @property
    def isee_notice(self):
        return rules.isee_notice(self.isee_declaration, self.on_date)


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return IseeStrategy(request=request, user=user)
