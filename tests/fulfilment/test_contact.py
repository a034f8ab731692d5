"""The provider sees whom to contact, where and for whom: on the line, in the list, in the CSV."""

import csv
import io

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace import line_options
from marketplace.fulfilment.contact import line_contact, phone_link

from .conftest import make_user, place_order

Option = get_model("catalogue", "Option")
LineAttribute = get_model("order", "LineAttribute")

LIST = reverse("marketplace_fulfilment:line_list")
EXPORT = reverse("marketplace_fulfilment:line_export")


@pytest.fixture
def contact_order(provider_a):
    # The account's name differs from the contact typed at checkout: a daughter books for
    # her father, the provider calls the daughter.
    buyer = make_user(first_name="Account", last_name="Holder")
    order = place_order(buyer, provider_a.offer)
    order.contact_name = "Lucia Bianchi"
    order.contact_phone = "+39 333 123 4567"
    order.beneficiary_name = "Carlo Bianchi (padre)"
    order.notes_for_providers = "Citofono Bianchi, terzo piano"
    order.save()
    line = order.lines.get()
    street = Option.objects.get_or_create(
        code=line_options.SERVICE_STREET, defaults={"name": "Indirizzo"}
    )[0]
    zone = Option.objects.get_or_create(code=line_options.SERVICE_ZONE, defaults={"name": "Zona"})[
        0
    ]
    LineAttribute.objects.create(line=line, option=street, type="Indirizzo", value="Via Padova 21")
    LineAttribute.objects.create(line=line, option=zone, type="Zona", value="Loreto")
    return order


@pytest.mark.parametrize(
    ("typed", "link"),
    [("+39 333 123 4567", "+393331234567"), ("02/1234-567", "021234567"), ("", "")],
)
def test_phone_link_keeps_the_plus_and_digits(typed, link):
    assert phone_link(typed) == link


def test_line_contact_is_what_was_typed_at_checkout(contact_order):
    contact = line_contact(contact_order.lines.get())
    assert contact == {
        "name": "Lucia Bianchi",
        "phone": "+39 333 123 4567",
        "phone_link": "+393331234567",
        "email": contact_order.email,
        "beneficiary": "Carlo Bianchi (padre)",
        "receives_service": "Carlo Bianchi (padre)",
        "address": "Via Padova 21, Loreto",
        "notes": "Citofono Bianchi, terzo piano",
    }


def test_older_orders_fall_back_on_the_account(citizen, provider_a):
    order = place_order(citizen, provider_a.offer)
    contact = line_contact(order.lines.get())
    assert (contact["name"], contact["receives_service"], contact["phone"]) == (
        "Maria Rossi",
        "Maria Rossi",
        "",
    )


def test_provider_sees_contact_and_beneficiary_on_the_line(client, provider_a, contact_order):
    client.force_login(provider_a.staff)
    line = contact_order.lines.get()
    detail = client.get(reverse("marketplace_fulfilment:line_detail", args=[line.pk]))
    content = detail.content.decode()
    for text in [
        "Lucia Bianchi",
        'href="tel:+393331234567"',
        "Carlo Bianchi (padre)",
        "Via Padova 21, Loreto",
        "Citofono Bianchi, terzo piano",
    ]:
        assert text in content
    assert "Account Holder" not in content

    listing = client.get(LIST).content.decode()
    for text in ["Lucia Bianchi", "+39 333 123 4567", "Carlo Bianchi (padre)"]:
        assert text in listing


def test_csv_export_has_the_same_contact_columns(client, provider_a, contact_order):
    client.force_login(provider_a.staff)
    response = client.get(EXPORT)
    text = b"".join(response.streaming_content).decode()
    header, row = list(csv.reader(io.StringIO(text)))
    record = dict(zip(header, row, strict=True))
    assert record["Cliente"] == "Lucia Bianchi"
    assert record["Numero di telefono"] == "+39 333 123 4567"
    assert record["Riceve il servizio"] == "Carlo Bianchi (padre)"
    assert record["Note per gli enti"] == "Citofono Bianchi, terzo piano"
    assert record["Indirizzo del servizio"] == "Via Padova 21"
