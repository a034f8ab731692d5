"""Steps of a purchase through the web views, shared by the view and concurrency tests."""

import re

from django.urls import reverse


def add_to_basket_url(service):
    return reverse("marketplace:add-to-basket", kwargs={"service_key": service.translation_key})


def basket_post(offer, zone_row, start, quantity=1, **overrides):
    data = {
        "offer": offer.pk,
        "quantity": quantity,
        "start_date": start.isoformat(),
        "frequency": "weekly",
        "street": "Via Pascoli 12",
        "zone": zone_row.pk,
    }
    data.update(overrides)
    return data


def checkout_to_preview(client, pay=True, **contact):
    """Contact details, then (when there is something to pay) the payment method."""
    response = client.post(
        reverse("checkout:contact"),
        {"name": "Maria Rossi", "phone": "+39 02 1234567", **contact},
    )
    assert response.status_code == 302, (
        getattr(response, "context", None) and response.context["form"].errors
    )
    if pay:
        response = client.post(reverse("checkout:payment-method"), {"method": "pay-provider"})
        assert response.status_code == 302
    return client.get(reverse("checkout:preview"))


def confirm_form_basket(preview):
    """The basket id the summary page's "Confirm the order" form posts back."""
    match = re.search(r'name="basket_id" value="(\d+)"', preview.content.decode())
    assert match, "the confirm form names its basket"
    return match.group(1)


def place_order(client, basket_id="", url=None, **extra):
    """Post the confirm form (``basket_id`` as the summary page gave it, if known);
    ``extra``: more fields (in acting mode: channel, consent_note, citizen_agreed)."""
    return client.post(
        url or reverse("checkout:preview"),
        {"action": "place_order", "consent": "on", "basket_id": basket_id, **extra},
    )
