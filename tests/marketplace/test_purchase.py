"""Buying through the web views: basket validation, checkout steps, orders, receipts."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.pricing.models import IseeBand

from .helpers import (
    add_to_basket_url,
    basket_post,
    checkout_to_preview,
    confirm_form_basket,
    place_order,
)

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


def basket_of(user):
    return Basket.objects.filter(owner=user, status=Basket.OPEN).first()


def test_service_page_shows_the_citizens_price(logged_in, service, accredited_offer):
    html = logged_in.get(service.url).content.decode()
    assert "22,00" in html  # the tariff
    assert "6,60" in html  # 30 % of it (ISEE 12,000)
    assert "15,40" in html  # what the Comune covers


def test_anonymous_visitors_see_the_tariff_and_from_zero(client, service, accredited_offer):
    html = client.get(service.url).content.decode()
    assert "22,00" in html
    with translation.override("it"):
        assert gettext("from 0 € with ISEE") in html


def test_add_to_basket_stores_the_choices_on_the_line(
    logged_in, service, accredited_offer, zones, tomorrow
):
    response = logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow, 3)
    )
    assert response.status_code == 302
    line = basket_of(logged_in_user(logged_in)).all_lines()[0]
    assert line.quantity == 3
    values = {attribute.option.code: attribute.value for attribute in line.attributes.all()}
    assert values == {
        "start_date": tomorrow.isoformat(),
        "frequency": "weekly",
        "service_street": "Via Pascoli 12",
        "service_zone": "Città Studi",
    }


def logged_in_user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"quantity": -2}, "quantity", "1"),
        ({"quantity": 0}, "quantity", "1"),
        ({"quantity": 100000}, "quantity", "200"),
        ({"quantity": "tre"}, "quantity", ""),
        ({"start_date": "2020-01-01"}, "start_date", ""),
        ({"street": ""}, "street", ""),
        ({"frequency": "daily"}, "frequency", ""),
        ({"zone": 999999}, "zone", ""),
    ],
)
def test_bad_input_is_explained_and_nothing_is_added(
    logged_in, citizen, service, accredited_offer, zones, tomorrow, overrides, field, message
):
    data = basket_post(accredited_offer, zones["citta_studi"], tomorrow, **overrides)
    response = logged_in.post(add_to_basket_url(service), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert 'role="alert"' in response.content.decode()
    basket = basket_of(citizen)
    assert basket is None or basket.num_lines == 0


def test_address_outside_the_served_zones_is_refused_with_a_clear_message(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    response = logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["qt8"], tomorrow)
    )
    assert response.status_code == 400
    assert "QT8" in " ".join(response.context["form"].errors["zone"])


def test_whole_city_services_accept_every_zone(logged_in, zones, tomorrow, accredited_offer):
    from content import factories

    provider = accredited_offer.product.stockrecords.first().partner
    service = factories.make_service(
        factories.make_provider("Associazione Tutta Milano"),
        "Piccole riparazioni",
        serves_whole_city=True,
    )
    offer = shop.make_offer(service, price="35.00", unit="session", pricing_kind="market")
    response = logged_in.post(
        add_to_basket_url(service), basket_post(offer, zones["qt8"], tomorrow)
    )
    assert response.status_code == 302, provider


def test_an_offer_of_another_service_is_refused(
    logged_in, service, accredited_offer, zones, tomorrow
):
    from content import factories

    other_service = factories.make_service(
        accredited_offer.partner and factories.make_provider("Altro ente"),
        "Altro servizio",
        zones=[zones["municipio_3"]],
    )
    other_offer = shop.make_offer(other_service)
    response = logged_in.post(
        add_to_basket_url(service), basket_post(other_offer, zones["citta_studi"], tomorrow)
    )
    assert response.status_code == 400
    assert "offer" in response.context["form"].errors


def test_tampered_price_or_band_in_the_post_is_ignored(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    data = basket_post(
        accredited_offer,
        zones["citta_studi"],
        tomorrow,
        2,
        price="0.01",
        share_percent="0",
        band="1",
    )
    logged_in.post(add_to_basket_url(service), data)
    basket = basket_of(citizen)
    basket.strategy = shop_strategy(citizen)
    assert basket.total_incl_tax == Decimal("13.20")  # 2 h x 30 % of 22.00


def shop_strategy(user):
    from marketplace.partner.strategy import Selector

    return Selector().strategy(user=user)


def test_expired_isee_is_full_tariff_with_a_message(
    client, service, accredited_offer, zones, tomorrow
):
    user = shop.make_citizen(
        "scaduto@wemi.example", isee="3000", isee_expires_on=datetime.date(2020, 12, 31)
    )
    client.force_login(user)
    response = client.post(
        add_to_basket_url(service),
        basket_post(accredited_offer, zones["citta_studi"], tomorrow),
        follow=True,
    )
    html = response.content.decode()
    assert "2020" in html and ("ISEE" in html)
    basket = basket_of(user)
    basket.strategy = shop_strategy(user)
    assert basket.total_incl_tax == Decimal("22.00")


def test_sold_out_offer_cannot_be_added(logged_in, citizen, service, zones, tomorrow):
    offer = shop.make_offer(service, price="20.00", capacity=1)
    offer.allocate(3)  # someone else's booking takes the only place
    response = logged_in.post(
        add_to_basket_url(service), basket_post(offer, zones["citta_studi"], tomorrow, 3)
    )
    assert response.status_code == 400
    assert response.context["form"].errors["quantity"]


def test_skipping_checkout_steps_sends_back_with_the_basket_kept(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    response = place_order(logged_in)
    assert response.status_code == 302
    assert response.url == reverse("checkout:contact")
    assert Order.objects.count() == 0
    assert basket_of(citizen).num_lines == 1
    # Contact given but payment method skipped: back to the payment step.
    checkout_to_preview(logged_in, pay=False)
    response = place_order(logged_in)
    assert response.url == reverse("checkout:payment-method")
    assert Order.objects.count() == 0


def test_consent_is_required(logged_in, citizen, service, accredited_offer, zones, tomorrow):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    checkout_to_preview(logged_in)
    response = logged_in.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 200
    assert "consent" in response.context["consent_form"].errors
    assert Order.objects.count() == 0


def test_full_purchase_records_the_split_and_sends_one_email(
    logged_in,
    citizen,
    service,
    accredited_offer,
    zones,
    tomorrow,
    django_capture_on_commit_callbacks,
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow, 4)
    )
    preview = checkout_to_preview(logged_in)
    assert "26,40" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(logged_in)
    assert response.status_code == 302 and response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    line = order.lines.get()
    assert (order.total_incl_tax, line.full_unit_price, line.comune_contribution) == (
        Decimal("26.40"),
        Decimal("22.00"),
        Decimal("61.60"),
    )
    assert (order.contact_name, order.contact_phone, order.language) == (
        "Maria Rossi",
        "+39 02 123 4567",
        "it",
    )
    assert order.sources.get().source_type.code == "pay-provider"
    assert {a.option.code for a in line.attributes.all()} >= {"start_date", "service_zone"}
    assert len(mail.outbox) == 1 and order.number in mail.outbox[0].body
    thank_you = logged_in.get(response.url).content.decode()
    assert order.number in thank_you
    assert (
        reverse("marketplace_documents:order-receipt", kwargs={"number": order.number}) in thank_you
    )


def test_free_order_completes_without_payment(client, service, accredited_offer, zones, tomorrow):
    user = shop.make_citizen("bassoreddito@wemi.example", isee="4000")
    client.force_login(user)
    client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow, 2)
    )
    response = client.post(
        reverse("checkout:contact"), {"name": "Anna Bianchi", "phone": "3331234567"}
    )
    # Nothing to pay: the payment step is skipped.
    response = client.get(reverse("checkout:payment-method"))
    assert response.status_code == 302 and response.url == reverse("checkout:preview")
    response = place_order(client)
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("0.00")
    assert order.sources.count() == 0
    assert order.lines.get().comune_contribution == Decimal("44.00")


def test_double_submit_gives_one_order(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    basket_id = confirm_form_basket(checkout_to_preview(logged_in))
    first = place_order(logged_in, basket_id)
    second = place_order(logged_in, basket_id)
    assert Order.objects.count() == 1
    assert first.url == reverse("checkout:thank-you")
    # The retry is shown the order the first submit placed, not the (new, empty) basket.
    assert second.status_code == 302 and second.url == reverse("checkout:thank-you")
    page = logged_in.get(second.url)
    assert page.status_code == 200 and Order.objects.get().number in page.content.decode()


def test_confirm_form_of_another_users_basket_shows_nothing(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    """A basket id of someone else's order is not a way to see that order."""
    other = Client()
    other.force_login(shop.make_citizen("luca@wemi.example", isee="12000"))
    other.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    basket_id = confirm_form_basket(checkout_to_preview(other))
    assert place_order(other, basket_id).url == reverse("checkout:thank-you")

    response = place_order(logged_in, basket_id)
    # Maria's own (empty) basket: Oscar's checks send her to the basket page.
    assert response.status_code == 302 and response.url == reverse("basket:summary")
    assert logged_in.get(reverse("checkout:thank-you")).status_code == 302


def test_sold_out_at_placement_keeps_the_basket(logged_in, citizen, service, zones, tomorrow):
    offer = shop.make_offer(service, price="20.00", capacity=1)
    logged_in.post(
        add_to_basket_url(service), basket_post(offer, zones["citta_studi"], tomorrow, 3)
    )
    checkout_to_preview(logged_in)
    # Someone else takes the only place meanwhile.
    offer.allocate(1)
    response = place_order(logged_in)
    assert response.status_code == 302 and response.url == reverse("basket:summary")
    assert Order.objects.count() == 0
    basket = basket_of(citizen)
    assert basket.num_lines == 1 and basket.all_lines()[0].quantity == 3
    offer.refresh_from_db()
    assert offer.num_allocated == 1
    basket_page = logged_in.get(response.url).content.decode()
    # The availability check before placement explains how many places are left.
    assert 'class="alert' in basket_page and "Assistenza domiciliare anziani" in basket_page


def test_placed_order_ignores_later_changes_of_isee_and_bands(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow, 2)
    )
    checkout_to_preview(logged_in)
    place_order(logged_in)
    IseeBand.objects.update(share_percent=Decimal("100"))
    citizen.isee_declaration.value = Decimal("90000")
    citizen.isee_declaration.save()
    line = Order.objects.get().lines.get()
    assert (line.line_price_incl_tax, line.comune_contribution, line.full_unit_price) == (
        Decimal("13.20"),
        Decimal("30.80"),
        Decimal("22.00"),
    )


def test_capacity_is_allocated_on_placement(logged_in, citizen, service, zones, tomorrow):
    offer = shop.make_offer(service, price="20.00", capacity=5)
    logged_in.post(
        add_to_basket_url(service), basket_post(offer, zones["citta_studi"], tomorrow, 2)
    )
    checkout_to_preview(logged_in)
    place_order(logged_in)
    offer.refresh_from_db()
    assert offer.num_allocated == 1  # one booking of 2 hours: one place


def test_catalogue_pages_lead_to_the_service_page(client, service, accredited_offer):
    product = accredited_offer.product
    response = client.get(f"/it/shop/catalogue/{product.slug}_{product.pk}/")
    assert response.status_code == 302 and response.url == service.url


def test_allocation_never_exceeds_capacity(service):
    from marketplace.partner.models import CapacityExhausted

    offer = shop.make_offer(service, price="20.00", capacity=3)
    offer.allocate(2)  # each booking takes one place, whatever its units
    offer.allocate(4)
    offer.allocate(1)
    with pytest.raises(CapacityExhausted):
        offer.allocate(1)
    offer.refresh_from_db()
    assert offer.num_allocated == 3
    unlimited = shop.make_offer(service, price="20.00", capacity=None)
    unlimited.allocate(500)
    unlimited.refresh_from_db()
    assert unlimited.num_allocated == 1


def basket_formset(line, **fields):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(line.pk),
        "form-0-quantity": str(line.quantity),
    }
    data.update({f"form-0-{name}": value for name, value in fields.items()})
    return data


def test_basket_page_updates_quantities_and_refuses_bad_ones(
    logged_in, citizen, service, zones, tomorrow
):
    offer = shop.make_offer(service, price="20.00", capacity=4)
    logged_in.post(
        add_to_basket_url(service), basket_post(offer, zones["citta_studi"], tomorrow, 2)
    )
    line = basket_of(citizen).all_lines()[0]
    page = logged_in.get(reverse("basket:summary"))
    assert page.status_code == 200 and "Via Pascoli 12" in page.content.decode()
    for bad in ("-1", "x"):  # negative; not a number (units are not places: 9 is fine)
        response = logged_in.post(reverse("basket:summary"), basket_formset(line, quantity=bad))
        assert response.status_code == 200
        assert response.context["formset"].forms[0].errors
        line.refresh_from_db()
        assert line.quantity == 2
    logged_in.post(reverse("basket:summary"), basket_formset(line, quantity="3"))
    line.refresh_from_db()
    assert line.quantity == 3
    logged_in.post(reverse("basket:summary"), basket_formset(line, DELETE="on"))
    assert basket_of(citizen).num_lines == 0


def test_anonymous_basket_is_kept_when_logging_in_to_check_out(
    client, citizen, service, accredited_offer, zones, tomorrow
):
    client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    response = client.get(reverse("checkout:index"))
    assert response.status_code == 302 and "login" in response.url
    client.post(
        reverse("customer:login") + "?next=" + reverse("checkout:index"),
        {"login-username": citizen.email, "login-password": "wemi-cittadino", "login_submit": "1"},
    )
    client.get(reverse("basket:summary"))  # Oscar merges the visitor's basket on the next request
    assert basket_of(citizen).num_lines == 1


def test_contact_step_records_whom_the_service_is_for(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    contact_page = logged_in.get(reverse("checkout:contact")).content.decode()
    assert 'name="beneficiary"' in contact_page
    preview = checkout_to_preview(
        logged_in, beneficiary="Giuseppe Rossi (mio padre)", notes="Citofono 12, terzo piano"
    ).content.decode()
    assert "Giuseppe Rossi (mio padre)" in preview
    place_order(logged_in)
    order = Order.objects.get()
    assert (order.beneficiary_name, order.notes_for_providers) == (
        "Giuseppe Rossi (mio padre)",
        "Citofono 12, terzo piano",
    )
    assert order.receives_service == "Giuseppe Rossi (mio padre)"


def test_without_a_beneficiary_the_service_is_for_the_contact_person(
    logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    checkout_to_preview(logged_in)
    place_order(logged_in)
    order = Order.objects.get()
    assert (order.beneficiary_name, order.receives_service) == ("", "Maria Rossi")
