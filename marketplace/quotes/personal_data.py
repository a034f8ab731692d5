"""What the quote requests hold about a citizen, for "download my data" and account deletion
(marketplace/rights/registry.py).

Erasure cancels the requests still waiting for answers (the providers are told), deletes every
request that did not become an order (with its quotes and messages), and empties the personal
fields of those that did: the order is kept for the legal retention period, as the orders are.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from marketplace.rights.registry import exclude, model_record, register

from . import statuses
from .models import QuoteMessage, QuoteRequest


def quote_data(user):
    records = []
    for request in QuoteRequest.objects.filter(citizen=user).select_related("need", "zone"):
        records.append(model_record(request, ["need", "description", "for_whom", "days_times",
                                              "zone", "address", "status", "language"]))
    records += [
        model_record(m, ["side", "body", "attachment_name", "created_at"])
        for m in QuoteMessage.objects.filter(quote__request__citizen=user, author=user)
    ]
    return records


def erase_quotes(user, now):
    from .workflow import cancel_request

    for request in QuoteRequest.objects.filter(citizen=user, status=statuses.SENT).order_by("pk"):
        cancel_request(request, user)
    for message in QuoteMessage.objects.filter(quote__request__citizen=user).exclude(attachment=""):
        message.attachment.delete(save=False)  # the files, wherever the request ends up
    ordered = Q(quotes__order_line__isnull=False)
    QuoteRequest.objects.filter(citizen=user).exclude(ordered).delete()
    kept = QuoteRequest.objects.filter(citizen=user)
    QuoteMessage.objects.filter(quote__request__in=kept).update(
        body="", attachment="", attachment_name="", author=None
    )
    kept.update(description="", for_whom="", days_times="", address="")


register(
    "quotes",
    title=_("Quote requests and messages"),
    collect=quote_data,
    erase=erase_quotes,
    covers=["marketplace_quotes.QuoteRequest.citizen", "marketplace_quotes.QuoteMessage.author"],
    order=65,
)
exclude("marketplace_quotes.Quote.answered_by", "the provider staff member who answered")
exclude(
    "marketplace_quotes.QuoteStatusChange.changed_by",
    "who moved a quote (staff, or the citizen accepting): the quote's history; the citizen's "
    "account is anonymised, so it names nobody after erasure",
)
