"""The real-time channel of a quote thread (docs/decisions/0026-real-time-messages.md).

A page showing a thread opens ``/ws/quotes/<quote uuid>/?after=<last id>&lang=<code>``.
The socket is accepted only for the two parties (the request's citizen, the staff of the
quote's provider) and for Comune operators on a reported thread (they read, they never
count as present); anyone else is closed with code 4403 before joining anything.

``workflow.post_message`` announces each new message to the group ``quote-<id>`` after
commit (``thread.announce``); each socket then reads the messages after the last one it sent
and sends them rendered for its viewer (their side, their language, their attachment URLs),
marking the thread read for a party. While a party's socket is open the party is present
(``presence``): no e-mail is sent to it.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import translation

from . import access, presence, thread, workflow
from .models import Quote, QuoteMessage

FORBIDDEN = 4403


def group_name(quote_id):
    return f"quote-{quote_id}"


def viewer_of(user, quote_uuid):
    """``(quote, side, provider_view)`` for a user allowed to follow the thread, else
    ``None``. The same rules as the pages (``access``)."""
    if not user.is_authenticated:
        return None
    quote = Quote.objects.select_related("request", "partner").filter(uuid=quote_uuid).first()
    if quote is None:
        return None
    if quote.request.citizen_id == user.pk:
        return quote, QuoteMessage.Side.CITIZEN, False
    if access.quotes_for_provider(user).filter(pk=quote.pk).exists():
        return quote, QuoteMessage.Side.PROVIDER, True
    if access.reported_quotes(user).filter(pk=quote.pk).exists():
        return quote, QuoteMessage.Side.OPERATOR, True
    return None


def _language(scope):
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    wanted = (query.get("lang") or [""])[0].lower()
    codes = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in codes else settings.LANGUAGE_CODE


def _after(scope):
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    value = (query.get("after") or ["0"])[0]
    return int(value) if value.isascii() and value.isdigit() and len(value) < 18 else 0


class ThreadConsumer(AsyncJsonWebsocketConsumer):
    quote = None

    async def connect(self):
        found = await database_sync_to_async(viewer_of)(
            self.scope.get("user"), self.scope["url_route"]["kwargs"]["quote_uuid"]
        )
        if found is None:
            await self.close(code=FORBIDDEN)
            return
        self.quote, self.side, self.provider_view = found
        self.language = _language(self.scope)
        self.last_id = _after(self.scope)
        self.is_party = self.side in workflow.OTHER_SIDE
        await self.channel_layer.group_add(group_name(self.quote.pk), self.channel_name)
        await self.accept()
        if self.is_party:
            await database_sync_to_async(presence.joined)(self.quote.pk, self.side)
        await self.send_new()  # what arrived between the page and the socket

    async def disconnect(self, code):
        if self.quote is None:
            return
        await self.channel_layer.group_discard(group_name(self.quote.pk), self.channel_name)
        if self.is_party:
            await database_sync_to_async(presence.left)(self.quote.pk, self.side)

    async def receive_json(self, content, **kwargs):
        # The page's heartbeat keeps the presence counter alive; nothing else is read
        # (messages are posted with the page's form, attachments included).
        if self.quote is not None and self.is_party and content.get("type") == "ping":
            await database_sync_to_async(presence.beat)(self.quote.pk, self.side)

    async def thread_message(self, event):
        await self.send_new()

    def _new_rows(self):
        with translation.override(self.language):
            rows = thread.message_rows(self.quote, self.side, self.last_id,
                                       provider_view=self.provider_view)
        if rows and self.is_party:
            workflow.mark_read(self.quote, self.side)
        return rows

    async def send_new(self):
        rows = await database_sync_to_async(self._new_rows)()
        if rows:
            self.last_id = rows[-1]["id"]
            await self.send_json({"messages": rows})
