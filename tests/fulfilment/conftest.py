"""Providers with staff, offers and orders placed through Oscar's order creator."""

import itertools
from decimal import Decimal

import pytest
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order, create_product
from wagtail.models import Collection

from content.factories import make_provider
from marketplace.defaults import ensure_all as ensure_marketplace_defaults
from marketplace.fulfilment.roles import ensure_operators_group

Basket = get_model("basket", "Basket")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")

_sequence = itertools.count(1)


def make_user(email=None, groups=(), **fields):
    user = User.objects.create_user(
        email=email or f"person{next(_sequence)}@example.org", password="secret-pass", **fields
    )
    user.groups.add(*groups)
    return user


def make_partner(provider_page):
    return Partner.objects.create(
        name=provider_page.title, provider_key=provider_page.translation_key
    )


def make_offer(partner, pricing_kind="market", price=Decimal("20.00"), num_in_stock=None):
    product = create_product(title=f"Assistenza {next(_sequence)}", pricing_kind=pricing_kind)
    return StockRecord.objects.create(
        product=product,
        partner=partner,
        partner_sku=f"sku-{product.pk}",
        price=price,
        num_in_stock=num_in_stock,
        unit=StockRecord.Unit.HOUR,
    )


def place_order(user, *offers, quantity=1, language="it"):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    for offer in offers:
        basket.add_product(offer.product, quantity)
    order = create_order(basket=basket, user=user)
    order.language = language
    order.save(update_fields=["language"])
    return order


class Provider:
    """A provider page with its partner, one staff member and one market offer."""

    def __init__(self, title):
        self.page = make_provider(title=title)
        self.partner = make_partner(self.page)
        self.staff = make_user(groups=[self.page.staff_group])
        self.offer = make_offer(self.partner, num_in_stock=10)


@pytest.fixture
def site_data(home_page):
    """What migrations create and live-server or transactional tests flush: rebuilt."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    ensure_marketplace_defaults()
    return home_page


@pytest.fixture
def provider_a(site_data):
    return Provider("Cooperativa Alfa")


@pytest.fixture
def provider_b(site_data):
    return Provider("Cooperativa Beta")


@pytest.fixture
def citizen(db):
    return make_user(first_name="Maria", last_name="Rossi")


@pytest.fixture
def operator(db):
    return make_user(groups=[ensure_operators_group()])


@pytest.fixture
def order_a(citizen, provider_a):
    return place_order(citizen, provider_a.offer)


@pytest.fixture
def line_a(order_a):
    return order_a.lines.get()
