"""Who sees which requests, quotes and threads.

- a citizen: their own requests and every quote of them;
- provider staff: the quotes sent to their organisation (``fulfilment.access.partners_of``),
  never another provider's: other ids are 404;
- Comune operators (``view_quote_statistics``): the statistics and the reported threads.
"""

from marketplace.fulfilment.access import partners_of

from .models import Quote, QuoteRequest

VIEW_STATISTICS = "marketplace_quotes.view_quote_statistics"


def requests_of(user):
    if not user.is_authenticated:
        return QuoteRequest.objects.none()
    return QuoteRequest.objects.filter(citizen=user)


def quotes_for_provider(user):
    """The quotes the user answers as provider staff."""
    return Quote.objects.filter(partner__in=partners_of(user))


def is_operator(user):
    return user.is_authenticated and user.has_perm(VIEW_STATISTICS)


def reported_quotes(user):
    """The reported threads a Comune operator may read."""
    if not is_operator(user):
        return Quote.objects.none()
    return Quote.objects.filter(reported_at__isnull=False)


def uses_quotes_workspace(user):
    return is_operator(user) or partners_of(user).exists()


def address_visible_to_provider(quote):
    """The exact address is shown to a provider only once its quote is accepted."""
    from . import statuses

    return quote.status in statuses.CHOSEN
