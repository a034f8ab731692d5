from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from oscar.core.loading import get_model

from marketplace.fulfilment import workflow

from .conftest import place_order

Email = get_model("communication", "Email")

START = datetime(2030, 12, 2, 9, 30, tzinfo=ZoneInfo("Europe/Rome"))


def test_no_email_before_commit(line_a, provider_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.accept(line_a, provider_a.staff, START)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_accepted_email_carries_the_schedule(
    line_a, provider_a, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(line_a, provider_a.staff, START, "Operatrice: Giulia")

    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert str(line_a.order.number) in message.subject
    assert line_a.title in message.body
    assert "Cooperativa Alfa" in message.body
    assert "Operatrice: Giulia" in message.body
    assert "dicembre 2030" in message.body.lower()  # the order was placed in Italian
    assert f"/it/shop/accounts/orders/{line_a.order.number}/" in message.body
    # Oscar keeps it in the citizen's e-mail history.
    assert Email.objects.get(user=citizen).subject == message.subject


def test_email_in_the_language_of_the_order(
    citizen, provider_a, django_capture_on_commit_callbacks
):
    order = place_order(citizen, provider_a.offer, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(order.lines.get(), provider_a.staff, START)

    [message] = mail.outbox
    assert "accepted" in message.subject
    assert "Dec. 2, 2030" in message.body
    assert "dicembre" not in message.body.lower()
    assert f"/en/shop/accounts/orders/{order.number}/" in message.body


def test_declined_email_carries_the_reason(line_a, provider_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.decline(line_a, provider_a.staff, "Nessun operatore libero a dicembre")

    [message] = mail.outbox
    assert "Nessun operatore libero a dicembre" in message.body
    assert line_a.title in message.body


def test_delivered_email(line_a, provider_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(line_a, provider_a.staff, START)
        workflow.mark_delivered(line_a, provider_a.staff)

    accepted, delivered = mail.outbox
    assert delivered.subject != accepted.subject
    assert line_a.title in delivered.body


def test_cancelled_email(line_a, citizen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.cancel(line_a, citizen)

    [message] = mail.outbox
    assert line_a.title in message.body


def test_failed_transition_sends_nothing(line_a, provider_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(workflow.InvalidTransition):
            workflow.mark_delivered(line_a, provider_a.staff)
    assert mail.outbox == []


# WeMi's own e-mails: wording, language and direction of the recipient, the real site URL.


@pytest.fixture
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://wemi.comune.milano.example/"
    return "https://wemi.comune.milano.example"


def test_status_emails_carry_html_in_the_order_language(
    citizen, provider_a, site_url, django_capture_on_commit_callbacks
):
    order = place_order(citizen, provider_a.offer, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.accept(order.lines.get(), provider_a.staff, START)
    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    assert '<html lang="ar" dir="rtl">' in html
    assert "فريق WeMi – بلدية ميلانو" in message.body
    assert f"{site_url}/ar/shop/accounts/orders/{order.number}/" in html
    # the account's e-mail history keeps both parts
    email = Email.objects.get(user=citizen)
    assert email.body_text == message.body and email.body_html == html


def test_order_confirmation_is_wemis_own(citizen, provider_a, site_url):
    from marketplace.checkout.tasks import send_order_placed_email

    order = place_order(citizen, provider_a.offer, language="it")
    order.contact_name, order.contact_phone = "Maria Rossi", "+39 02 1234567"
    order.beneficiary_name = "Anna Rossi"
    order.save()
    send_order_placed_email.enqueue(order.pk)
    send_order_placed_email.enqueue(order.pk)  # run twice by the worker: one e-mail
    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    assert message.subject == f"WeMi: abbiamo ricevuto il tuo ordine {order.number}"
    for text in (message.body, html):
        for shop_default in ("hipping", "spedizione", "example.com", "Hello", "Thanks"):
            assert shop_default not in text
        assert "Gentile Maria Rossi," in text
        assert "Anna Rossi" in text
        assert "Il team WeMi – Comune di Milano" in text
    assert '<html lang="it" dir="ltr">' in html
    assert f"{site_url}/it/shop/accounts/orders/{order.number}/" in message.body
    assert f"{site_url}/it/shop/documents/receipts/{order.number}.pdf" in html
    assert Email.objects.filter(user=citizen, subject=message.subject).count() == 1


def test_password_reset_email_in_the_page_language(client, citizen, site_url):
    response = client.post("/ar/shop/password-reset/", {"email": citizen.email})
    assert response.status_code == 302
    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    assert message.subject == "WeMi: اختر كلمة مرور جديدة"
    assert '<html lang="ar" dir="rtl">' in html
    assert "example.com" not in message.body + html
    assert f"{site_url}/ar/shop/password-reset/confirm/" in message.body
