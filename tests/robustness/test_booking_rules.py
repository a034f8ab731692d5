"""Every path into the basket and every basket change applies the booking form's rules
(issue 11, "Quantity caps and booking choices")."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_class, get_model

from marketplace import booking, line_options
from tests.marketplace.helpers import add_to_basket_url, basket_post, checkout_to_preview

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(citizen):
    client = Client()
    client.force_login(citizen)
    return client


def basket_of(user):
    return Basket.objects.filter(owner=user, status=Basket.OPEN).first()


def basket_formset(line, quantity):
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(line.pk),
        "form-0-quantity": str(quantity),
    }


# The rules as plain functions ---------------------------------------------------------------


def test_quantity_rules():
    assert booking.quantity_problems(1) == []
    assert booking.quantity_problems(booking.MAX_QUANTITY) == []
    assert booking.quantity_problems(booking.MAX_QUANTITY + 1)
    assert booking.quantity_problems(0) and booking.quantity_problems(None)
    assert booking.quantity_problems(1, already_on_line=booking.MAX_QUANTITY)
    assert booking.quantity_problems(100, already_on_line=100) == []


@given(st.integers(-10, 10_000), st.integers(0, 400))
@settings(max_examples=100, deadline=None)
def test_a_line_never_exceeds_the_cap(quantity, already):
    allowed = not booking.quantity_problems(quantity, already)
    assert allowed == (1 <= quantity and quantity + already <= booking.MAX_QUANTITY)


def test_choices_rules():
    today = datetime.date(2026, 5, 4)
    good = {
        line_options.START_DATE: "2026-05-05",
        line_options.FREQUENCY: "weekly",
        line_options.SERVICE_STREET: "Via Padova 21",
        line_options.SERVICE_ZONE: "Lambrate",
    }
    assert booking.choices_problems(good, today) == []
    for code, bad in [
        (line_options.START_DATE, "2026-05-04"),
        (line_options.START_DATE, "2027-06-01"),
        (line_options.START_DATE, "not a date"),
        (line_options.START_DATE, "2026-02-30"),
        (line_options.FREQUENCY, "hourly"),
        (line_options.SERVICE_STREET, "   "),
        (line_options.SERVICE_ZONE, ""),
    ]:
        assert booking.choices_problems({**good, code: bad}, today), (code, bad)
    assert len(booking.choices_problems({}, today)) == 4


# Through the web ----------------------------------------------------------------------------


def test_adds_that_merge_into_one_line_stay_under_the_cap(
    buyer, citizen, service, accredited_offer, zones, tomorrow
):
    url = add_to_basket_url(service)
    data = basket_post(accredited_offer, zones["citta_studi"], tomorrow, booking.MAX_QUANTITY)
    assert buyer.post(url, data).status_code == 302
    for _attempt in range(3):
        response = buyer.post(url, data)
        assert response.status_code == 400
        assert response.context["form"].errors["quantity"]
    [line] = basket_of(citizen).all_lines()
    assert line.quantity == booking.MAX_QUANTITY
    # A booking with other choices is another line, with its own cap.
    other = {**data, "street": "Via Padova 21"}
    assert buyer.post(url, other).status_code == 302
    assert sorted(line.quantity for line in basket_of(citizen).all_lines()) == [200, 200]


def test_basket_page_refuses_quantities_above_the_cap(
    buyer, citizen, service, accredited_offer, zones, tomorrow
):
    buyer.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    [line] = basket_of(citizen).all_lines()
    for bad in (9201, booking.MAX_QUANTITY + 1, 10**12):
        response = buyer.post(reverse("basket:summary"), basket_formset(line, bad))
        assert response.status_code == 200
        assert response.context["formset"].forms[0].errors["quantity"]
        line.refresh_from_db()
        assert line.quantity == 1
    page = buyer.get(reverse("basket:summary")).content.decode()
    assert f'max="{booking.MAX_QUANTITY}"' in page
    buyer.post(reverse("basket:summary"), basket_formset(line, booking.MAX_QUANTITY))
    line.refresh_from_db()
    assert line.quantity == booking.MAX_QUANTITY


def test_generic_add_view_is_gone(buyer, citizen, accredited_offer):
    response = buyer.post(f"/it/shop/basket/add/{accredited_offer.product_id}/", {"quantity": 5000})
    assert response.status_code == 404
    basket = basket_of(citizen)
    assert basket is None or basket.num_lines == 0


def test_a_line_without_booking_choices_never_becomes_an_order(
    buyer, citizen, service, accredited_offer, zones, tomorrow
):
    """However a line got into the basket, checkout sends it back to the basket page."""
    buyer.get(reverse("basket:summary"))  # creates the citizen's basket
    basket = basket_of(citizen) or Basket.objects.create(owner=citizen)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=citizen)
    basket.add_product(accredited_offer.product, 5000)
    response = buyer.get(reverse("checkout:preview"))
    assert response.status_code == 302
    buyer.post(reverse("checkout:contact"), {"name": "Maria Rossi", "phone": "02 1234567"})
    response = buyer.post(reverse("checkout:preview"), {"action": "place_order", "consent": "on"})
    assert response.status_code == 302 and response.url == reverse("basket:summary")
    assert not Order.objects.exists()
    page = buyer.get(reverse("basket:summary")).content.decode()
    assert "200" in page  # the message names the cap


def test_a_start_date_that_has_passed_is_refused_at_checkout(
    buyer, citizen, service, accredited_offer, zones, tomorrow
):
    buyer.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    [line] = basket_of(citizen).all_lines()
    attribute = line.attributes.get(option__code=line_options.START_DATE)
    attribute.value = timezone.localdate().isoformat()
    attribute.save()
    checkout_to_preview(client=buyer)
    buyer.post(reverse("checkout:preview"), {"action": "place_order", "consent": "on"})
    assert not Order.objects.exists()
