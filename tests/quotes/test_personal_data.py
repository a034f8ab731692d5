"""Quote requests in "download my data" and in account deletion (marketplace/rights)."""

import pytest

from marketplace.quotes.models import Quote, QuoteMessage, QuoteRequest
from marketplace.quotes.workflow import post_message
from marketplace.rights import registry
from marketplace.rights.erasure import delete_account

from .conftest import answer, quote_of

pytestmark = pytest.mark.django_db


def test_deletion_cancels_open_requests_and_erases_them(
    sent, citizen, providers, immediate_on_commit
):
    quote = quote_of(sent, providers[0])
    answer(quote, providers[0])
    post_message(quote, citizen, "citizen", "Mia madre abita al terzo piano")
    section = next(s for s in registry.collect(citizen) if s.key == "quotes")
    assert any("Via Pascoli 12" == f.value for record in section.records for f in record)

    delete_account(citizen)

    assert not QuoteRequest.objects.filter(pk=sent.pk).exists()
    assert not Quote.objects.filter(request_id=sent.pk).exists()
    assert not QuoteMessage.objects.exists()
