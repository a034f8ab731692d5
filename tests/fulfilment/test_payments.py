"""Payment received: a provider action on its own lines, recorded once, shown to the citizen."""

import csv
import html
import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.documents.receipts import receipt_html
from marketplace.fulfilment import payments, workflow

from .conftest import make_offer, place_order

PaymentEvent = get_model("order", "PaymentEvent")
Email = get_model("communication", "Email")

START = datetime(2030, 12, 2, 9, 30, tzinfo=ZoneInfo("Europe/Rome"))


def action_url(line, action="payment"):
    return reverse("marketplace_fulfilment:line_action", args=[line.pk, action])


def detail_url(line):
    return reverse("marketplace_fulfilment:line_detail", args=[line.pk])


@pytest.fixture
def accepted_line(line_a, provider_a):
    workflow.accept(line_a, provider_a.staff, START)
    line_a.refresh_from_db()
    return line_a


def test_pending_line_cannot_be_marked_paid(line_a, provider_a):
    assert payments.payment_state(line_a) == payments.PAYMENT_AWAITING
    assert not payments.can_record_payment(line_a)
    with pytest.raises(payments.PaymentNotRecordable):
        payments.record_payment(line_a, provider_a.staff)
    assert not PaymentEvent.objects.exists()


def test_free_line_has_nothing_to_pay(citizen, provider_a):
    free = make_offer(provider_a.partner, pricing_kind="free", price=Decimal("0.00"))
    line = place_order(citizen, free).lines.get()
    workflow.accept(line, provider_a.staff, START)
    line.refresh_from_db()
    assert payments.payment_state(line) == payments.PAYMENT_NONE
    with pytest.raises(payments.PaymentNotRecordable):
        payments.record_payment(line, provider_a.staff)


def test_recording_is_idempotent(accepted_line, provider_a, django_capture_on_commit_callbacks):
    assert payments.payment_state(accepted_line) == payments.PAYMENT_DUE
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert payments.record_payment(accepted_line, provider_a.staff) is True
        assert payments.record_payment(accepted_line, provider_a.staff) is False
    assert len(callbacks) == 1  # one e-mail
    [event] = PaymentEvent.objects.filter(order=accepted_line.order)
    assert event.amount == accepted_line.line_price_incl_tax
    assert event.event_type.code == payments.PAID_EVENT_CODE
    assert list(event.lines.all()) == [accepted_line]
    accepted_line.refresh_from_db()
    assert accepted_line.fulfilment.payment_received_by == provider_a.staff
    assert payments.payment_state(accepted_line) == payments.PAYMENT_PAID
    source = accepted_line.order.sources.first()
    if source is not None:
        assert source.amount_debited == accepted_line.line_price_incl_tax


def test_citizen_is_emailed_in_the_order_language(
    citizen, provider_a, mailoutbox, django_capture_on_commit_callbacks
):
    line = place_order(citizen, provider_a.offer, language="ar").lines.get()
    workflow.accept(line, provider_a.staff, START)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payments.record_payment(line, provider_a.staff)
    [message] = mailoutbox
    body_html = message.alternatives[0][0]
    assert '<html lang="ar" dir="rtl">' in body_html
    assert "Cooperativa Alfa" in message.body
    assert f"/ar/shop/accounts/orders/{line.order.number}/" in message.body
    # kept, with its body, in the account's e-mail history
    email = Email.objects.get(user=citizen, subject=message.subject)
    assert email.body_text == message.body and email.body_html == body_html


def test_provider_records_payment_in_the_workspace(client, accepted_line, provider_a):
    client.force_login(provider_a.staff)
    page = client.get(detail_url(accepted_line)).content.decode()
    assert 'data-element="record-payment"' in page
    response = client.post(action_url(accepted_line))
    assert response.status_code == 302
    page = html.unescape(client.get(detail_url(accepted_line)).content.decode())
    assert 'data-element="record-payment"' not in page
    assert "Pagamento ricevuto dall'ente" in page
    # a second post (double click, back button) changes nothing
    client.post(action_url(accepted_line))
    assert PaymentEvent.objects.filter(order=accepted_line.order).count() == 1


def test_only_the_lines_provider_may_record_it(client, accepted_line, provider_b, citizen):
    client.force_login(provider_b.staff)
    assert client.post(action_url(accepted_line)).status_code == 404
    client.force_login(citizen)
    response = client.post(action_url(accepted_line))
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not PaymentEvent.objects.exists()
    assert payments.payment_state(accepted_line) == payments.PAYMENT_DUE


def test_citizen_sees_the_payment_in_order_and_receipt(client, accepted_line, provider_a, citizen):
    order = accepted_line.order
    url = reverse("customer:order", kwargs={"order_number": order.number})
    client.force_login(citizen)
    assert "Da pagare all'ente" in html.unescape(client.get(url).content.decode())
    payments.record_payment(accepted_line, provider_a.staff)
    page = html.unescape(client.get(url).content.decode())
    assert 'data-state="paid"' in page
    assert "Pagamento ricevuto dall'ente" in page
    order.refresh_from_db()
    assert "Pagamento ricevuto dall'ente" in html.unescape(receipt_html(order))


def test_csv_export_carries_the_payment_date(client, accepted_line, provider_a):
    payments.record_payment(accepted_line, provider_a.staff)
    client.force_login(provider_a.staff)
    response = client.get(reverse("marketplace_fulfilment:line_export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    column = header.index("Pagamento ricevuto il")
    assert row[column]
