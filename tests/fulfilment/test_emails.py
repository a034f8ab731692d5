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
