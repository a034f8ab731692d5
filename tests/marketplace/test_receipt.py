"""The PDF receipt: owner and staff only, with the order number and the amounts."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model
from pypdf import PdfReader

from marketplace import factories as shop

from .helpers import add_to_basket_url, basket_post, checkout_to_preview, place_order

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


@pytest.fixture
def order(client, citizen, service, accredited_offer, zones, tomorrow):
    client.force_login(citizen)
    client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow, 5)
    )
    checkout_to_preview(client)
    place_order(client)
    return Order.objects.get()


def receipt_url(order):
    return reverse("marketplace_documents:order-receipt", kwargs={"number": order.number})


def pdf_text(response):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_receipt_has_the_number_and_the_amounts(client, order):
    response = client.get(receipt_url(order))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert order.number in text
    assert "110,00" in text  # full price: 5 h x 22.00
    assert "77,00" in text  # paid by the Comune (70 %)
    assert "33,00" in text  # paid by the citizen (30 %)
    assert "Assistenza domiciliare anziani" in text
    with translation.override("it"):
        assert gettext("Every week") in text  # the line's options, in words


def test_receipt_is_in_the_language_of_the_order(client, order):
    order.language = "en"
    order.save()
    text = pdf_text(client.get(receipt_url(order)))
    assert "Order receipt" in text


def test_other_citizens_get_404_and_anonymous_visitors_log_in(client, order):
    client.force_login(shop.make_citizen("curioso@wemi.example"))
    assert client.get(receipt_url(order)).status_code == 404
    unknown = reverse("marketplace_documents:order-receipt", kwargs={"number": "999999"})
    assert client.get(unknown).status_code == 404
    client.logout()
    response = client.get(receipt_url(order))
    assert response.status_code == 302 and "login" in response.url


def test_staff_can_read_every_receipt(client, order):
    operator = shop.make_citizen("operatore@comune.example")
    operator.is_staff = True
    operator.save()
    client.force_login(operator)
    assert client.get(receipt_url(order)).status_code == 200


def test_receipt_names_the_contact_and_marks_a_cancelled_order(client, order):
    """Issue 13: the name typed at checkout (not the e-mail twice); a cancelled order says so
    and owes nothing; the e-mail is isolated left to right for Arabic."""
    from marketplace.documents.receipts import receipt_html
    from marketplace.fulfilment import statuses, workflow

    html = receipt_html(order)
    assert "Maria Rossi" in html and html.count(order.email) == 1
    assert f'<bdi dir="ltr">{order.email}</bdi>' in html
    workflow.cancel(order.lines.get(), order.user)
    order.refresh_from_db()
    with translation.override(order.language):
        cancelled = str(statuses.ORDER_STATUS_LABELS[statuses.ORDER_CANCELLED])
    text = pdf_text(client.get(receipt_url(order)))
    assert cancelled in text
    grand_total = text.split(gettext_in(order.language, "Total you pay"))[-1]
    assert "0,00" in grand_total and "33,00" not in grand_total


def gettext_in(language, message):
    with translation.override(language):
        return gettext(message)
