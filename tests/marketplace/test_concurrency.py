"""Citizens and editors at the same moment, on PostgreSQL (row locks) and on the SQLite demo
(writes queue on the database's lock: docs/decisions/0009-sqlite-concurrency-and-display-labels.md).

No answer is an error: the same confirm clicked twice gives one order that both clicks
show; citizens racing for the last places get an order or, in their language, "no places
left, your basket is unchanged"; a page published during a purchase disturbs neither."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from oscar.core.loading import get_class, get_model

from marketplace import factories as shop
from tests.threads import run_together

from .helpers import (
    add_to_basket_url,
    basket_post,
    checkout_to_preview,
    confirm_form_basket,
    place_order,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
no_places_left_message = get_class("checkout.session", "no_places_left_message")

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def ready_to_confirm(service, offer, zone, start, email, language="it"):
    """A citizen's client on the summary page with one booking of ``offer``; the basket id
    its confirm form posts."""
    client = Client()
    client.force_login(shop.make_citizen(email, isee="12000"))
    with translation.override(language):
        response = client.post(add_to_basket_url(service), basket_post(offer, zone, start))
        assert response.status_code == 302
        preview = checkout_to_preview(client)
    assert preview.status_code == 200
    return client, confirm_form_basket(preview)


def answer(response):
    return response.status_code, response.get("Location")


def test_many_buyers_few_places(service, zones, tomorrow):
    """50 buyers for 10 places on PostgreSQL, 8 for 3 on SQLite: exactly as many orders as
    places, clean "sold out" answers for the others, whose baskets stay as they were."""
    buyers, places = (50, 10) if connection.vendor == "postgresql" else (8, 3)
    offer = shop.make_offer(service, price="20.00", capacity=places)
    clients = [
        ready_to_confirm(
            service, offer, zones["citta_studi"], tomorrow, f"acquirente{number}@wemi.example"
        )
        for number in range(buyers)
    ]

    answers = run_together(
        *[
            (lambda client=client, basket_id=basket_id: answer(place_order(client, basket_id)))
            for client, basket_id in clients
        ]
    )

    errors = [item for item in answers if not isinstance(item, tuple)]
    assert errors == []
    placed = [item for item in answers if item == (302, reverse("checkout:thank-you"))]
    sold_out = [item for item in answers if item == (302, reverse("basket:summary"))]
    assert (len(placed), len(sold_out)) == (places, buyers - places)
    assert Order.objects.count() == places
    offer.refresh_from_db()
    assert offer.num_allocated == places
    # Every buyer left without an order still has the basket they filled.
    assert Basket.objects.filter(status=Basket.OPEN, lines__isnull=False).count() == (
        buyers - places
    )


def test_double_click_on_confirm_gives_one_order_shown_to_every_click(service, zones, tomorrow):
    offer = shop.make_offer(service, price="20.00", capacity=5)
    client, basket_id = ready_to_confirm(
        service, offer, zones["citta_studi"], tomorrow, "maria@wemi.example"
    )
    # Four clicks of the same browser (one session), sent at once.
    clicks = []
    for _number in range(4):
        click = Client()
        click.cookies = client.cookies
        clicks.append(click)

    answers = run_together(
        *[(lambda click=click: answer(place_order(click, basket_id))) for click in clicks]
    )

    assert answers == [(302, reverse("checkout:thank-you"))] * 4
    order = Order.objects.get()
    offer.refresh_from_db()
    assert offer.num_allocated == 1
    page = client.get(reverse("checkout:thank-you"))
    assert page.status_code == 200 and order.number in page.content.decode()
    # A click that arrives after all that (the browser's retry) is shown the same order.
    late = place_order(client, basket_id)
    assert answer(late) == (302, reverse("checkout:thank-you"))
    assert Order.objects.count() == 1


def test_losers_of_the_last_places_are_told_in_their_language(service, zones, tomorrow):
    """Four citizens (Italian, Arabic, Chinese, Spanish) for two places."""
    offer = shop.make_offer(service, price="20.00", capacity=2)
    languages = ["it", "ar", "zh-hans", "es"]
    buyers = {
        language: ready_to_confirm(
            service,
            offer,
            zones["citta_studi"],
            tomorrow,
            f"ultimi-{language}@wemi.example",
            language,
        )
        for language in languages
    }
    confirm_urls = {}
    for language in languages:
        with translation.override(language):
            confirm_urls[language] = reverse("checkout:preview")

    answers = dict(
        zip(
            languages,
            run_together(
                *[
                    (
                        lambda language=language: answer(
                            place_order(*buyers[language], url=confirm_urls[language])
                        )
                    )
                    for language in languages
                ]
            ),
            strict=True,
        )
    )

    assert Order.objects.count() == 2
    losers = []
    for language, result in answers.items():
        with translation.override(language):
            thank_you, basket_page = reverse("checkout:thank-you"), reverse("basket:summary")
            expected = no_places_left_message(service.title)
        assert result in {(302, thank_you), (302, basket_page)}, (language, result)
        if result == (302, basket_page):
            losers.append(language)
            client = buyers[language][0]
            page = client.get(basket_page).content.decode()
            assert escape(expected) in page, language
            basket = Basket.objects.get(owner__email=f"ultimi-{language}@wemi.example")
            assert basket.status == Basket.OPEN
            assert [line.quantity for line in basket.all_lines()] == [1]
    assert len(losers) == 2
    with translation.override("ar"):
        arabic = no_places_left_message(service.title)
    with translation.override("it"):  # explicit: a test client request leaves its language on
        italian = no_places_left_message(service.title)
    assert arabic != italian  # translated, not Italian


def test_an_editor_publishes_while_citizens_buy(service, zones, tomorrow):
    offer = shop.make_offer(service, price="20.00", capacity=5)
    buyers = [
        ready_to_confirm(
            service, offer, zones["citta_studi"], tomorrow, f"durante{number}@wemi.example"
        )
        for number in range(3)
    ]
    editor = get_user_model().objects.create_superuser(
        email="redazione@wemi.example", password="wemi-redazione"
    )

    def publish():
        page = service.specific.__class__.objects.get(pk=service.pk)
        page.title = "Assistenza domiciliare anziani e disabili"
        page.save_revision(user=editor).publish(user=editor)
        return "published"

    answers = run_together(
        publish, *[(lambda buyer=buyer: answer(place_order(*buyer))) for buyer in buyers]
    )

    assert answers == ["published"] + [(302, reverse("checkout:thank-you"))] * 3
    assert Order.objects.count() == 3
    service.refresh_from_db()
    assert service.title == "Assistenza domiciliare anziani e disabili"
    assert service.live_revision.content["title"] == service.title
