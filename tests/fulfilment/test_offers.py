from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from marketplace.fulfilment import access

from .conftest import make_offer, make_user, place_order

OFFERS = reverse("marketplace_fulfilment:offer_list")


def edit_url(offer):
    return reverse("marketplace_fulfilment:offer_edit", args=[offer.pk])


@pytest.fixture
def accredited_a(provider_a):
    return make_offer(provider_a.partner, pricing_kind="accredited", price=Decimal("22.00"))


def test_rules_for_editable_fields(provider_a, provider_b, operator, accredited_a):
    free = make_offer(provider_a.partner, pricing_kind="free", price=Decimal("0"))
    staff = provider_a.staff
    assert access.editable_offer_fields(staff, provider_a.offer) == [
        "unit",
        "num_in_stock",
        "price",
    ]
    # The unit and price of an accredited offer are the Comune tariff: not the provider's.
    assert access.editable_offer_fields(staff, accredited_a) == ["num_in_stock"]
    assert access.editable_offer_fields(staff, free) == ["unit", "num_in_stock"]
    assert access.editable_offer_fields(provider_b.staff, provider_a.offer) == []
    assert access.editable_offer_fields(operator, accredited_a) == ["unit", "price"]
    assert access.editable_offer_fields(operator, provider_a.offer) == []


def test_provider_lists_only_their_offers(client, provider_a, provider_b):
    client.force_login(provider_a.staff)
    content = client.get(OFFERS).content.decode()
    assert edit_url(provider_a.offer) in content
    assert edit_url(provider_b.offer) not in content


def test_provider_edits_their_market_offer(client, provider_a):
    client.force_login(provider_a.staff)
    response = client.post(
        edit_url(provider_a.offer), {"unit": "session", "price": "35.50", "num_in_stock": "4"}
    )
    assert response.status_code == 302
    provider_a.offer.refresh_from_db()
    assert provider_a.offer.unit == "session"
    assert provider_a.offer.price == Decimal("35.50")
    assert provider_a.offer.num_in_stock == 4
    # Exempt from moderation, but kept in the history the Comune reads (decision 0014).
    entry = ModelLogEntry.objects.for_instance(provider_a.offer).get()
    assert entry.action == "wagtail.edit" and entry.user == provider_a.staff
    assert entry.data["price"] == ["20.00", "35.50"]


def test_empty_capacity_means_unlimited(client, provider_a):
    client.force_login(provider_a.staff)
    client.post(edit_url(provider_a.offer), {"unit": "hour", "price": "20", "num_in_stock": ""})
    provider_a.offer.refresh_from_db()
    assert provider_a.offer.num_in_stock is None


@pytest.mark.parametrize(
    "data, field",
    [
        ({"unit": "hour", "price": "-1", "num_in_stock": "4"}, "price"),
        ({"unit": "hour", "price": "", "num_in_stock": "4"}, "price"),
        ({"unit": "hour", "price": "20", "num_in_stock": "-3"}, "num_in_stock"),
        ({"unit": "century", "price": "20", "num_in_stock": "4"}, "unit"),
    ],
)
def test_bad_offer_input_is_refused(client, provider_a, data, field):
    client.force_login(provider_a.staff)
    response = client.post(edit_url(provider_a.offer), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    provider_a.offer.refresh_from_db()
    assert (provider_a.offer.price, provider_a.offer.num_in_stock) == (Decimal("20.00"), 10)


def test_capacity_cannot_drop_below_the_booked_places(client, provider_a, citizen):
    place_order(citizen, provider_a.offer, quantity=3)
    place_order(citizen, provider_a.offer, quantity=1)  # two bookings: two places
    client.force_login(provider_a.staff)
    response = client.post(
        edit_url(provider_a.offer), {"unit": "hour", "price": "20", "num_in_stock": "1"}
    )
    assert response.status_code == 400
    assert "num_in_stock" in response.context["form"].errors


def test_provider_cannot_change_the_accredited_tariff(client, provider_a, accredited_a):
    client.force_login(provider_a.staff)
    page = client.get(edit_url(accredited_a)).content.decode()
    assert 'name="price"' not in page and 'name="unit"' not in page
    client.post(edit_url(accredited_a), {"unit": "month", "price": "1.00", "num_in_stock": "5"})
    accredited_a.refresh_from_db()
    assert accredited_a.price == Decimal("22.00")
    assert accredited_a.unit == "hour"  # the tariff's unit is the Comune's too
    assert accredited_a.num_in_stock == 5


def test_provider_cannot_edit_another_providers_offer(client, provider_a, provider_b):
    client.force_login(provider_a.staff)
    response = client.post(
        edit_url(provider_b.offer),
        {"unit": "hour", "price": "1", "num_in_stock": "1"},
        follow=True,
    )
    assert response.status_code == 404
    provider_b.offer.refresh_from_db()
    assert provider_b.offer.price == Decimal("20.00")


def test_comune_operator_sets_the_accredited_tariff_only(
    client, operator, provider_a, accredited_a
):
    client.force_login(operator)
    content = client.get(OFFERS).content.decode()
    assert edit_url(accredited_a) in content
    assert edit_url(provider_a.offer) not in content

    client.post(edit_url(accredited_a), {"price": "24.50", "unit": "month", "num_in_stock": "1"})
    accredited_a.refresh_from_db()
    assert accredited_a.price == Decimal("24.50")
    assert accredited_a.unit == "month"  # the tariff is so much per month
    assert accredited_a.num_in_stock is None  # the capacity is the provider's (unlimited)

    response = client.post(edit_url(provider_a.offer), {"price": "1"}, follow=True)
    assert response.status_code == 404


def test_offers_workspace_is_closed_to_others(client, citizen):
    client.force_login(citizen)
    assert client.get(OFFERS).status_code == 302
    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(OFFERS)
    assert response.status_code == 302
    assert response["Location"] != OFFERS
