"""Two accepts at once give one accepted quote; two baskets paying the same quote give one
order. On PostgreSQL (row locks) and on the SQLite demo (writes queue on its lock)."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.quotes import rules, statuses, workflow
from marketplace.quotes.models import Quote
from tests.marketplace.helpers import checkout_to_preview, confirm_form_basket, place_order
from tests.threads import run_together

from .conftest import answer, quote_of

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_accepts_accept_one(sent, providers, citizen):
    alfa = answer(quote_of(sent, providers[0]), providers[0])
    beta = answer(quote_of(sent, providers[1]), providers[1])
    results = run_together(
        lambda: workflow.accept(alfa, citizen), lambda: workflow.accept(beta, citizen)
    )
    won = [result for result in results if isinstance(result, Quote)]
    lost = [result for result in results if isinstance(result, rules.QuoteRuleError)]
    assert len(won) == 1 and len(lost) == 1, results
    assert Quote.objects.filter(request=sent, status=statuses.ACCEPTED).count() == 1


def quote_basket(citizen, quote):
    """A basket of ``citizen`` holding one line paying ``quote`` (as the pay view adds it)."""
    from marketplace.partner.strategy import Selector
    from marketplace.quotes import pricing
    from marketplace.quotes.views import _booking_options

    stockrecord = pricing.offer_for(quote, "Badante")
    basket = Basket.objects.create(owner=citizen)
    basket.strategy = Selector().strategy(user=citizen)
    basket.add_product(stockrecord.product, 1, [
        {"option": pricing.quote_option(), "value": str(quote.uuid)}, *_booking_options(quote)
    ])
    return basket


def place(basket, citizen, total):
    from django.db import transaction
    from oscar.test.factories import create_order

    with transaction.atomic():
        return create_order(basket=basket, user=citizen, total=total)


def total_of(basket):
    """The total the checkout computed when the citizen opened the summary page."""
    from oscar.apps.checkout.calculators import OrderTotalCalculator
    from oscar.apps.shipping.methods import Free

    for line in basket.all_lines():
        line.purchase_info  # noqa: B018 (priced now, as on the summary page)
    return OrderTotalCalculator().calculate(basket, Free().calculate(basket))


def test_two_baskets_paying_one_quote_give_one_order(sent, providers, citizen):
    """Two baskets (two devices) reach placement with the same accepted quote: the
    conditional UPDATE lets one order through; the other rolls back whole."""
    alfa = answer(quote_of(sent, providers[0]), providers[0])
    workflow.accept(alfa, citizen)
    baskets = [quote_basket(citizen, alfa) for _device in range(2)]
    totals = [total_of(basket) for basket in baskets]
    results = run_together(*[lambda b=b, t=t: place(b, citizen, t)
                             for b, t in zip(baskets, totals, strict=True)])
    assert sum(isinstance(result, workflow.QuoteNotPayable) for result in results) == 1, results
    assert Order.objects.filter(user=citizen).count() == 1
    alfa.refresh_from_db()
    assert alfa.status == statuses.ORDERED
    assert alfa.order_line == Order.objects.get(user=citizen).lines.get()


def test_double_confirm_of_one_basket_gives_one_order(sent, providers, citizen):
    alfa = answer(quote_of(sent, providers[0]), providers[0])
    workflow.accept(alfa, citizen)
    client = Client()
    client.force_login(citizen)
    client.post(reverse("quotes:pay", kwargs={"quote_uuid": alfa.uuid}))
    basket_id = confirm_form_basket(checkout_to_preview(client))
    run_together(lambda: place_order(client, basket_id), lambda: place_order(client, basket_id))
    assert Order.objects.filter(user=citizen).count() == 1
