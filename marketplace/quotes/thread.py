"""A thread (the messages of one request-provider pair) as both sides see it, and as JSON
for the page's short polling (``static/marketplace_quotes/thread.js``)."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from . import workflow
from .models import QuoteMessage, QuoteReadMark

# The page asks for new messages this often (milliseconds); see docs/decisions/0023.
POLL_INTERVAL_MS = 3000


def unread_counts(quotes, side):
    """``{quote id: messages from the other side that ``side`` has not read}``."""
    quotes = list(quotes)
    marks = dict(
        QuoteReadMark.objects.filter(quote__in=quotes, side=side).values_list(
            "quote_id", "last_read_at"
        )
    )
    counts = {quote.pk: 0 for quote in quotes}
    rows = QuoteMessage.objects.filter(quote__in=quotes).exclude(side=side)
    for quote_id, created_at in rows.values_list("quote_id", "created_at"):
        if marks.get(quote_id) is None or created_at > marks[quote_id]:
            counts[quote_id] += 1
    return counts


def attachment_url(message, provider_view):
    if not message.attachment:
        return ""
    if provider_view:
        return reverse("quotes_admin:attachment",
                       kwargs={"pk": message.quote_id, "message_id": message.pk})
    return reverse("quotes:attachment",
                   kwargs={"quote_uuid": message.quote.uuid, "message_id": message.pk})


def message_rows(quote, viewer_side, after=0, provider_view=False):
    """The thread's messages after id ``after``, as dicts for templates and JSON: ``id``,
    ``mine``, ``author`` (a side's label), ``body`` (plain text, escaped where shown),
    ``sent`` (localised date and time), ``attachment_name``, ``attachment_url``."""
    labels = dict(QuoteMessage.Side.choices)
    rows = []
    for message in quote.messages.filter(pk__gt=after).select_related("quote"):
        rows.append({
            "id": message.pk,
            "mine": message.side == viewer_side,
            "author": quote.partner.name if message.side == QuoteMessage.Side.PROVIDER
            else str(labels[message.side]),
            "body": message.body,
            "sent": date_format(localtime(message.created_at), "SHORT_DATETIME_FORMAT"),
            "attachment_name": message.attachment_name,
            "attachment_url": attachment_url(message, provider_view),
        })
    return rows


def messages_json(request, quote, side, provider_view=False):
    """New messages after ``?after=<id>``; reading them marks the thread read."""
    after = request.GET.get("after", "0")
    after = int(after) if after.isascii() and after.isdigit() and len(after) < 18 else 0
    rows = message_rows(quote, side, after, provider_view)
    workflow.mark_read(quote, side)
    return JsonResponse({"messages": rows}, headers={"Cache-Control": "private, no-store"})


def announce(quote_id, message_id):
    """Tell the sockets following the thread that message ``message_id`` arrived (after
    commit: they read it from the database). A channel layer that cannot be reached loses
    only the live update: the page's polling fallback and the next load still show it."""
    import logging

    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    from .consumers import group_name

    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            group_name(quote_id), {"type": "thread.message", "message_id": message_id}
        )
    except Exception:  # Redis down: the message is saved, only the push is lost
        logging.getLogger(__name__).warning("Could not announce quote message %s", message_id,
                                            exc_info=True)
