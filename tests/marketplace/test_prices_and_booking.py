"""Issue 13, "Prices and booking": the price explained, the booking form in plain words,
zones limited to those served, and capacity counting people, not units."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from oscar.core.loading import get_class, get_model

from marketplace import factories as shop
from marketplace.forms import AddToBasketForm, offer_label
from marketplace.offers import pricing_advice
from marketplace.places import places_for
from marketplace.pricing import rules
from marketplace.zones import zone_choices

from .helpers import add_to_basket_url, basket_post, checkout_to_preview, place_order

Selector = get_class("partner.strategy", "Selector")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def strategy_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return Selector().strategy(request=request, user=user)


# The rules ------------------------------------------------------------------------------


@given(
    tariff_cents=st.integers(min_value=0, max_value=10_000_000),
    share_points=st.integers(min_value=0, max_value=10_000),
)
def test_engines_integer_formula_is_the_rules_share(tariff_cents, share_points):
    """``(cents * points + 5000) // 10000`` (both search engines) equals ``share_of``."""
    share = Decimal(share_points) / 100
    tariff = Decimal(tariff_cents) / 100
    assert rules.share_basis_points(share) == share_points
    engine_cents = (tariff_cents * share_points + 5000) // 10000
    assert Decimal(engine_cents) / 100 == rules.share_of(tariff, share)


def test_an_accredited_service_ranks_by_what_the_household_pays():
    """The issue's case: 30 % of 18.50 € is 5.55 €, below a 17 € market price."""
    assert rules.lowest_price_for_share(Decimal("18.50"), Decimal("17.00"), Decimal(30)) == (
        Decimal("5.55"),
        "accredited",
    )
    assert rules.lowest_price_for_share(Decimal("18.50"), Decimal("17.00"), Decimal(100)) == (
        Decimal("17.00"),
        "market",
    )
    assert rules.lowest_price_for_share(None, None, Decimal(30)) is None


def test_share_explanation_says_why():
    band = rules.Band(upper_bound=Decimal(15000), share_percent=Decimal("30.00"))
    with translation.override("it"):
        text = rules.share_explanation(Decimal("12000"), band)
    assert "12.000" in text and "30 %" in text
    with translation.override("en"):
        assert "12,000" in rules.share_explanation(Decimal("12000"), band)
        free = rules.Band(upper_bound=Decimal(8000), share_percent=Decimal(0))
        assert "nothing" in rules.share_explanation(Decimal("5000"), free)
        open_band = rules.Band(upper_bound=None, share_percent=Decimal(100))
        assert "not declared" in rules.share_explanation(None, open_band)


def test_one_booking_takes_one_place_whatever_its_units():
    assert [places_for(units) for units in (0, 1, 4, 200)] == [0, 1, 1, 1]


# Price explanation ------------------------------------------------------------------------


def test_advice_explains_the_band_of_a_citizen_with_isee(citizen, marketplace_defaults):
    with translation.override("en"):
        advice = pricing_advice(strategy_for(citizen), [Decimal("22.00")])
    assert "12,000" in advice["explanation"] and "30 %" in advice["explanation"]
    assert advice["without_isee"] is None


def test_advice_warns_a_citizen_without_isee_before_paying(marketplace_defaults):
    user = shop.make_citizen("senza.isee@wemi.example")
    with translation.override("en"):
        advice = pricing_advice(strategy_for(user), [Decimal("22.00")])
    assert advice["without_isee"]["full"] == Decimal("22.00")
    assert advice["without_isee"]["lowest"] < Decimal("22.00")


def test_no_advice_for_anonymous_visitors_or_market_offers(citizen, marketplace_defaults):
    from django.contrib.auth.models import AnonymousUser

    assert pricing_advice(strategy_for(AnonymousUser()), [Decimal("22.00")]) is None
    assert pricing_advice(strategy_for(citizen), []) is None


def test_basket_and_summary_explain_the_price_and_warn_without_isee(
    client, service, accredited_offer, zones, tomorrow
):
    user = shop.make_citizen("senza.isee@wemi.example")
    client.force_login(user)
    client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["lambrate"], tomorrow)
    )
    with translation.override("it"):
        basket = client.get(reverse("basket:summary")).content.decode()
    assert 'id="price-explanation"' in basket
    assert reverse("marketplace_pricing:isee-declaration") + "?next=" in basket
    preview = checkout_to_preview(client).content.decode()
    assert 'id="price-explanation"' in preview


def test_service_page_explains_the_price(client, citizen, service, accredited_offer):
    client.force_login(citizen)
    content = client.get(service.url).content.decode()
    assert 'id="price-explanation"' in content
    assert "12.000" in content and "30 %" in content


# Booking form -------------------------------------------------------------------------------


def test_offers_show_their_price_and_the_citizens(citizen, service, accredited_offer):
    with translation.override("it"):
        label = offer_label(accredited_offer, strategy_for(citizen))
    assert "22,00" in label and "6,60" in label and "ora" in label


def test_quantity_is_named_in_the_offers_unit(citizen, service, accredited_offer):
    with translation.override("en"):
        form = AddToBasketForm(service, strategy_for(citizen), None)
        assert str(form.fields["quantity"].label) == "Number of hours"
        assert "unit" not in str(form.fields["quantity"].label)
        assert "week" in str(form.fields["frequency"].help_text)


def test_zone_choices_are_the_zones_the_service_serves(service, zones):
    def values(choices):
        flat = []
        for value, label in choices:
            if isinstance(label, (list, tuple)):
                flat += [inner for inner, _label in label]
            else:
                flat.append(value)
        return set(flat)

    offered = values(zone_choices(service.facts_source))
    assert offered == {zones["citta_studi"].pk, zones["lambrate"].pk}
    assert zones["qt8"].pk in values(zone_choices())


def test_booking_form_select_lists_served_zones_only(client, citizen, service, accredited_offer):
    client.force_login(citizen)
    content = client.get(add_to_basket_url(service)).content.decode()
    assert "Lambrate" in content and "QT8" not in content


# Capacity as people -------------------------------------------------------------------------


def test_a_four_session_booking_takes_one_place(client, citizen, service, zones, tomorrow):
    offer = shop.make_offer(service, price="10.00", unit="session", capacity=25)
    client.force_login(citizen)
    response = client.post(
        add_to_basket_url(service), basket_post(offer, zones["lambrate"], tomorrow, quantity=4)
    )
    assert response.status_code == 302
    checkout_to_preview(client)
    assert place_order(client).status_code == 302
    offer.refresh_from_db()
    assert offer.num_allocated == 1
    assert offer.net_stock_level == 24


def test_last_place_sells_to_a_booking_of_many_units(client, citizen, service, zones, tomorrow):
    offer = shop.make_offer(service, price="10.00", unit="session", capacity=1)
    client.force_login(citizen)
    response = client.post(
        add_to_basket_url(service), basket_post(offer, zones["lambrate"], tomorrow, quantity=6)
    )
    assert response.status_code == 302
    second = basket_post(offer, zones["citta_studi"], tomorrow, quantity=1)
    response = client.post(add_to_basket_url(service), second)
    assert response.status_code == 400  # the basket's first booking holds the only place


def test_cancelling_gives_the_place_back(citizen, service):
    offer = shop.make_offer(service, price="10.00", unit="session", capacity=3)
    offer.allocate(5)
    offer.refresh_from_db()
    assert offer.num_allocated == 1
    offer.cancel_allocation(5)
    offer.refresh_from_db()
    assert offer.num_allocated == 0
