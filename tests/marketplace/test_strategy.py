"""The Oscar strategy prices offers for the user of the request."""

import datetime
from decimal import Decimal

import pytest

from marketplace import factories as shop
from marketplace.partner.strategy import Selector

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("isee", "expected"),
    [(None, "22.00"), ("5000", "0.00"), ("12000", "6.60"), ("20000", "13.20"), ("40000", "22.00")],
)
def test_purchase_price_is_the_citizens_share(accredited_offer, isee, expected):
    user = shop.make_citizen(isee=isee)
    info = Selector().strategy(user=user).fetch_for_product(accredited_offer.product)
    assert info.price.excl_tax == Decimal(expected)
    assert info.price.incl_tax == Decimal(expected)
    assert info.price.full_price == Decimal("22.00")
    assert info.price.comune_contribution == Decimal("22.00") - Decimal(expected)


def test_anonymous_visitors_get_the_full_tariff(accredited_offer):
    from django.contrib.auth.models import AnonymousUser

    info = Selector().strategy(user=AnonymousUser()).fetch_for_product(accredited_offer.product)
    assert info.price.excl_tax == Decimal("22.00")


def test_band_changes_apply_to_new_prices_and_validity_dates_count(accredited_offer):
    from marketplace.pricing.models import IseeBand

    user = shop.make_citizen(isee="12000")
    today = datetime.date.today()
    IseeBand.objects.update(valid_until=today - datetime.timedelta(days=1))
    IseeBand.objects.create(
        upper_bound=Decimal("15000"), share_percent=Decimal("10"), valid_from=today
    )
    IseeBand.objects.create(upper_bound=None, share_percent=Decimal("100"), valid_from=today)
    info = Selector().strategy(user=user).fetch_for_product(accredited_offer.product)
    assert info.price.excl_tax == Decimal("2.20")


def test_capacity_and_unlimited_availability(service):
    limited = shop.make_offer(service, capacity=2)
    unlimited = shop.make_offer(service, capacity=None)
    strategy = Selector().strategy(user=None)
    availability = strategy.fetch_for_product(limited.product).availability
    # Places count bookings (households), not units: 30 hours need one place.
    assert availability.is_purchase_permitted(30)[0]
    assert availability.are_places_left(2)[0] and not availability.are_places_left(3)[0]
    assert strategy.fetch_for_product(unlimited.product).availability.is_purchase_permitted(150)[0]
    limited.allocate(5)
    limited.allocate(1)
    limited.refresh_from_db()
    assert not strategy.fetch_for_product(limited.product).availability.is_available_to_buy
