"""50 buyers at once for an offer with 10 places (PostgreSQL: real row locks, one
connection per thread): exactly 10 orders, 40 clean "sold out" answers, no error."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace import factories as shop

from .helpers import add_to_basket_url, basket_post, checkout_to_preview, place_order

Order = get_model("order", "Order")
BUYERS = 50
PLACES = 10

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locking (set DATABASE_URL to a PostgreSQL database)")


def test_fifty_buyers_ten_places(service, zones, tomorrow):
    offer = shop.make_offer(service, price="20.00", capacity=PLACES)
    clients = []
    for number in range(BUYERS):
        client = Client()
        client.force_login(shop.make_citizen(f"acquirente{number}@wemi.example", isee="12000"))
        response = client.post(
            add_to_basket_url(service), basket_post(offer, zones["citta_studi"], tomorrow)
        )
        assert response.status_code == 302
        assert checkout_to_preview(client).status_code == 200
        clients.append(client)

    start = threading.Barrier(BUYERS)
    answers = [None] * BUYERS

    def buy(number):
        try:
            start.wait()
            response = place_order(clients[number])
            answers[number] = (response.status_code, response.get("Location"))
        except Exception as error:  # a 500 raises in the test client: record it
            answers[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=buy, args=(number,)) for number in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    errors = [answer for answer in answers if isinstance(answer, Exception) or answer is None]
    assert errors == []
    placed = [answer for answer in answers if answer == (302, reverse("checkout:thank-you"))]
    sold_out = [answer for answer in answers if answer == (302, reverse("basket:summary"))]
    assert (len(placed), len(sold_out)) == (PLACES, BUYERS - PLACES)
    assert Order.objects.count() == PLACES
    offer.refresh_from_db()
    assert offer.num_allocated == PLACES
    # Every buyer left without an order still has the basket they filled.
    Basket = get_model("basket", "Basket")
    assert Basket.objects.filter(status=Basket.OPEN).count() == BUYERS - PLACES
