import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from marketplace.quotes import rules, statuses, workflow
from marketplace.quotes.models import Quote, QuoteRequest, QuoteStatusChange

from .conftest import Provider, answer, quote_of, send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]


def test_send_creates_one_awaiting_quote_per_provider_and_mails_them(sent, providers):
    quotes = list(sent.quotes.order_by("pk"))
    assert [quote.partner for quote in quotes] == [p.partner for p in providers[:3]]
    assert {quote.status for quote in quotes} == {statuses.AWAITING}
    assert quote_of(sent, providers[1]).pricing_kind == "accredited"
    assert {message.to[0] for message in mail.outbox} == {p.staff.email for p in providers[:3]}


def test_more_than_five_providers_is_refused(citizen, need, zones, providers):
    extra = [Provider(f"Cooperativa {name}", need, [zones["municipio_3"]]) for name in "EF"]
    with pytest.raises(rules.QuoteRuleError):
        send(citizen, providers + extra, need, zones["citta_studi"])
    assert not QuoteRequest.objects.exists()


def test_answer_accept_rejects_the_others(sent, providers, citizen):
    alfa, beta, gamma = (quote_of(sent, p) for p in providers[:3])
    answer(alfa, providers[0])
    answer(beta, providers[1], unit_price="20.00")
    workflow.decline(gamma, providers[2].staff, "Nessun operatore libero")
    mail.outbox.clear()
    workflow.accept(alfa, citizen)
    alfa.refresh_from_db(), beta.refresh_from_db(), gamma.refresh_from_db(), sent.refresh_from_db()
    assert (alfa.status, beta.status, gamma.status) == (
        statuses.ACCEPTED, statuses.REJECTED, statuses.DECLINED
    )
    assert sent.status == statuses.CLOSED
    assert alfa.amount == Decimal("360.00")
    # The chosen provider and, politely, the one not chosen; not the one who declined.
    recipients = {message.to[0]: message.subject for message in mail.outbox}
    assert providers[0].staff.email in recipients
    assert "thank you" in recipients[providers[1].staff.email].lower() or \
        "grazie" in recipients[providers[1].staff.email].lower()
    assert providers[2].staff.email not in recipients
    assert QuoteStatusChange.objects.filter(quote=alfa, new_status=statuses.ACCEPTED).exists()
    with pytest.raises(rules.QuoteRuleError):
        workflow.accept(beta, citizen)


def test_expired_quote_cannot_be_accepted(sent, providers, citizen):
    quote = answer(quote_of(sent, providers[0]), providers[0])
    Quote.objects.filter(pk=quote.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(rules.QuoteRuleError):
        workflow.accept(quote, citizen)
    quote.refresh_from_db()
    assert quote.status == statuses.QUOTED


def test_withdrawn_quote_cannot_be_accepted_or_ordered(sent, providers, citizen):
    quote = answer(quote_of(sent, providers[0]), providers[0])
    workflow.withdraw(quote, providers[0].staff)
    with pytest.raises(rules.QuoteRuleError):
        workflow.accept(quote, citizen)
    with pytest.raises(workflow.QuoteNotPayable), transaction.atomic():
        workflow.mark_ordered(quote.pk, None, citizen)


def test_decline_needs_a_reason(sent, providers):
    with pytest.raises(rules.QuoteRuleError):
        workflow.decline(quote_of(sent, providers[0]), providers[0].staff, "  ")


def test_database_allows_one_chosen_quote_per_request(sent, providers):
    first, second = (quote_of(sent, p) for p in providers[:2])
    Quote.objects.filter(pk=first.pk).update(status=statuses.ACCEPTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=second.pk).update(status=statuses.ORDERED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quote.objects.filter(pk=second.pk).update(amount=Decimal("-1"))


def test_expire_due_is_idempotent(sent, providers, citizen, need, zones):
    quoted = answer(quote_of(sent, providers[0]), providers[0], valid_days=1)
    later = timezone.localdate() + datetime.timedelta(days=8)
    assert workflow.expire_due(later) == (3, 1)
    assert workflow.expire_due(later) == (0, 0)
    quoted.refresh_from_db(), sent.refresh_from_db()
    assert quoted.status == statuses.EXPIRED
    assert sent.status == statuses.EXPIRED
    # A request with a quote still valid does not expire when its answer date passes.
    other = send(citizen, providers[:1], need, zones["citta_studi"])
    answer(quote_of(other, providers[0]), providers[0], valid_days=30)
    assert workflow.expire_due(timezone.localdate() + datetime.timedelta(days=8)) == (0, 0)


def test_expire_command(sent, providers):
    from django.core.management import call_command

    Quote.objects.filter(request=sent).update()
    QuoteRequest.objects.filter(pk=sent.pk).update(
        respond_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    call_command("expire_quotes")
    call_command("expire_quotes")
    sent.refresh_from_db()
    assert sent.status == statuses.EXPIRED
    assert set(sent.quotes.values_list("status", flat=True)) == {statuses.EXPIRED}


def test_expiry_is_a_registered_scheduler_job():
    from scheduler.registry import jobs

    assert "expire_quotes" in {job.command for job in jobs()}


def test_messages_and_unread_counts(sent, providers, citizen):
    from marketplace.quotes import thread
    from marketplace.quotes.models import QuoteMessage

    quote = quote_of(sent, providers[0])
    mail.outbox.clear()
    workflow.post_message(quote, citizen, QuoteMessage.Side.CITIZEN, "Buongiorno <b>ciao</b>")
    # The provider never opened the thread: it is away and gets an e-mail.
    assert [message.to[0] for message in mail.outbox] == [providers[0].staff.email]
    assert thread.unread_counts([quote], QuoteMessage.Side.PROVIDER) == {quote.pk: 1}
    workflow.mark_read(quote, QuoteMessage.Side.PROVIDER)
    assert thread.unread_counts([quote], QuoteMessage.Side.PROVIDER) == {quote.pk: 0}
    mail.outbox.clear()
    workflow.post_message(quote, providers[0].staff, QuoteMessage.Side.PROVIDER, "مرحبا")
    # The citizen just wrote: present, no e-mail.
    assert mail.outbox == []
    with pytest.raises(rules.QuoteRuleError):
        workflow.post_message(quote, citizen, QuoteMessage.Side.CITIZEN, "   ")
