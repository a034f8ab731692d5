"""Every change of a quote or a request goes through here.

A move locks the request row and then the quote row (``select_for_update``, always in that
order), checks it against ``statuses.QUOTE_PIPELINE`` and the rules, writes a
:class:`QuoteStatusChange` and sends e-mail after commit. Two concurrent accepts of quotes of
the same request queue on the request's lock: the second sees the request closed and fails;
the partial unique constraint ``one_chosen_quote_per_request`` backs this in the database.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notifications, presence, rules, statuses
from .models import Quote, QuoteMessage, QuoteReadMark, QuoteRequest, QuoteStatusChange


class InvalidTransition(rules.QuoteRuleError):
    """The quote cannot move to the requested status from its current one."""

    def __init__(self, quote, new_status):
        super().__init__(
            _("This quote is “%(current)s”: it cannot become “%(new)s”.")
            % {
                "current": statuses.quote_label(quote.status),
                "new": statuses.quote_label(new_status),
            }
        )


class QuoteNotPayable(rules.QuoteRuleError):
    """The quote of a basket line is no longer accepted and valid: it cannot be ordered."""

    def __init__(self, quote_id=None):
        self.quote_id = quote_id
        super().__init__(
            _("This quote can no longer be paid: it expired, was withdrawn or is already paid.")
        )


def today():
    return timezone.localdate()


@transaction.atomic
def send_request(citizen, offers, **fields):
    """Create a request and one awaiting quote per chosen provider.

    ``offers`` are ``(partner, service_key, pricing_kind)`` triples (at most
    ``rules.MAX_PROVIDERS``, each partner once); ``fields`` are :class:`QuoteRequest` fields.
    Raises :class:`rules.QuoteRuleError` for a wrong number of providers.
    """
    partners = {partner.pk for partner, _key, _kind in offers}
    rules.check_provider_count(len(partners))
    request = QuoteRequest.objects.create(citizen=citizen, **fields)
    seen = set()
    for partner, service_key, pricing_kind in offers:
        if partner.pk in seen:
            continue
        seen.add(partner.pk)
        Quote.objects.create(
            request=request, partner=partner, service_key=service_key, pricing_kind=pricing_kind
        )
    transaction.on_commit(lambda: notifications.new_request.enqueue(request.pk))
    return request


def _transition(quote, new_status, by, record=None, *, lock_request=True):
    """Move ``quote`` to ``new_status`` under row locks; ``record(locked)`` fills details.
    Must run inside a transaction. Returns the locked, saved quote."""
    if lock_request:
        QuoteRequest.objects.select_for_update().get(pk=quote.request_id)
    locked = Quote.objects.select_for_update().get(pk=quote.pk)
    if not statuses.can_move(locked.status, new_status):
        raise InvalidTransition(locked, new_status)
    old_status = locked.status
    if record is not None:
        record(locked)
    locked.status = new_status
    locked.save()
    QuoteStatusChange.objects.create(
        quote=locked, old_status=old_status, new_status=new_status, changed_by=by
    )
    return locked


@transaction.atomic
def answer(quote, by, *, unit, quantity, unit_price, included, proposed_start, valid_until):
    """The provider quotes a price: ``quantity`` ``unit``s at ``unit_price`` EUR, valid until
    a date. Raises :class:`rules.QuoteRuleError` (wrong figures) or :class:`InvalidTransition`.
    """
    amount = rules.quote_amount(quantity, unit_price)
    rules.check_validity(valid_until, today())

    def record(locked):
        locked.unit = unit
        locked.quantity = quantity
        locked.unit_price = unit_price
        locked.amount = amount
        locked.included = included.strip()
        locked.proposed_start = proposed_start
        locked.valid_until = valid_until
        locked.answered_by = by
        locked.answered_at = locked.answered_at or timezone.now()

    locked = _transition(quote, statuses.QUOTED, by, record)
    transaction.on_commit(lambda: notifications.quote_answered.enqueue(locked.pk))
    return locked


@transaction.atomic
def decline(quote, by, reason):
    """The provider declines the request; the citizen reads the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise rules.QuoteRuleError(_("Tell the citizen why you decline."))

    def record(locked):
        locked.decline_reason = reason
        locked.answered_by = by
        locked.answered_at = locked.answered_at or timezone.now()

    locked = _transition(quote, statuses.DECLINED, by, record)
    transaction.on_commit(lambda: notifications.quote_answered.enqueue(locked.pk))
    return locked


@transaction.atomic
def withdraw(quote, by):
    """The provider withdraws a quote the citizen has not accepted yet."""
    return _transition(quote, statuses.WITHDRAWN, by)


@transaction.atomic
def accept(quote, by):
    """The citizen accepts ``quote``: it becomes accepted, the request's other open quotes
    are not chosen (their providers are told by e-mail), the request is closed.

    Raises :class:`rules.QuoteRuleError` when the quote expired, the request is closed (a
    concurrent accept won) or the quote is not quoted.
    """
    request = QuoteRequest.objects.select_for_update().get(pk=quote.request_id)
    locked = Quote.objects.select_for_update().get(pk=quote.pk)
    if not rules.can_accept(locked.status, request.status, locked.valid_until, today()):
        if request.status != statuses.SENT:
            raise rules.QuoteRuleError(_("You have already accepted a quote for this request."))
        if locked.status == statuses.QUOTED:
            raise rules.QuoteRuleError(_("This quote has expired: it can no longer be accepted."))
        raise InvalidTransition(locked, statuses.ACCEPTED)
    accepted = _transition(locked, statuses.ACCEPTED, by, lock_request=False)
    others = []
    for other in request.quotes.select_for_update().exclude(pk=locked.pk).order_by("pk"):
        if statuses.can_move(other.status, statuses.REJECTED):
            _transition(other, statuses.REJECTED, by, lock_request=False)
            others.append(other.pk)
    request.status = statuses.CLOSED
    request.closed_at = timezone.now()
    request.save(update_fields=["status", "closed_at"])
    transaction.on_commit(lambda: notifications.quote_accepted.enqueue(accepted.pk))
    for pk in others:
        transaction.on_commit(lambda pk=pk: notifications.quote_not_chosen.enqueue(pk))
    return accepted


@transaction.atomic
def cancel_request(request, by):
    """The citizen cancels a request no quote of which was accepted."""
    locked = QuoteRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != statuses.SENT:
        raise rules.QuoteRuleError(_("This request can no longer be cancelled."))
    for quote in locked.quotes.order_by("pk"):
        if statuses.can_move(quote.status, statuses.REJECTED):
            _transition(quote, statuses.REJECTED, by, lock_request=False)
    locked.status = statuses.CANCELLED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked


def mark_ordered(quote_id, order_line, by):
    """At order placement: ``accepted -> ordered`` by one conditional UPDATE, in the
    placement's transaction. Raises :class:`QuoteNotPayable` when no row changed (expired,
    withdrawn, or already ordered by another basket): the whole order rolls back."""
    changed = Quote.objects.filter(
        pk=quote_id, status=statuses.ACCEPTED, valid_until__gte=today(),
        order_line__isnull=True,
    ).update(status=statuses.ORDERED, order_line=order_line)
    if not changed:
        raise QuoteNotPayable(quote_id)
    QuoteStatusChange.objects.create(
        quote_id=quote_id, old_status=statuses.ACCEPTED, new_status=statuses.ORDERED,
        changed_by=by,
    )


def expire_due(on_date=None):
    """Expire the quotes and requests past their dates (``rules.quote_expires`` /
    ``rules.request_expires``). Idempotent: a second run finds nothing. Returns
    ``(quotes expired, requests expired)``."""
    on_date = on_date or today()
    quotes_expired = requests_expired = 0
    candidates = Quote.objects.filter(
        status__in=(statuses.AWAITING, statuses.QUOTED, statuses.ACCEPTED)
    ).select_related("request")
    for quote in candidates.iterator():
        if not rules.quote_expires(
            quote.status, quote.valid_until, quote.request.status, quote.request.respond_by,
            on_date,
        ):
            continue
        with transaction.atomic():
            try:
                locked = _transition(quote, statuses.EXPIRED, None)
            except InvalidTransition:
                continue  # moved on meanwhile
            quotes_expired += 1
            if quote.status == statuses.ACCEPTED:
                # Nobody paid an accepted quote in time: the request is over.
                QuoteRequest.objects.filter(pk=locked.request_id).update(
                    status=statuses.EXPIRED
                )
    for request in QuoteRequest.objects.filter(status=statuses.SENT, respond_by__lt=on_date):
        with transaction.atomic():
            locked = QuoteRequest.objects.select_for_update().get(pk=request.pk)
            quote_statuses = list(locked.quotes.values_list("status", flat=True))
            if rules.request_expires(locked.status, locked.respond_by, quote_statuses, on_date):
                locked.status = statuses.EXPIRED
                locked.closed_at = timezone.now()
                locked.save(update_fields=["status", "closed_at"])
                requests_expired += 1
    return quotes_expired, requests_expired


# Conversation ---------------------------------------------------------------------------


def mark_read(quote, side, when=None):
    """Record that ``side`` has read the thread up to ``when`` (now)."""
    when = when or timezone.now()
    QuoteReadMark.objects.update_or_create(quote=quote, side=side,
                                           defaults={"last_read_at": when})


def last_read(quote, side):
    mark = QuoteReadMark.objects.filter(quote=quote, side=side).first()
    return mark.last_read_at if mark else None


OTHER_SIDE = {
    QuoteMessage.Side.CITIZEN: QuoteMessage.Side.PROVIDER,
    QuoteMessage.Side.PROVIDER: QuoteMessage.Side.CITIZEN,
}


@transaction.atomic
def post_message(quote, author, side, body, attachment=None):
    """Add a message to the thread, push it to the open sockets of the thread
    (``thread.announce``) and e-mail the other side if it is away (``rules.should_email``:
    no socket open and nothing read for a while). Raises :class:`rules.QuoteRuleError` for
    an empty message or a closed thread. ``attachment`` must already be checked
    (``forms.MessageForm``)."""
    body = (body or "").strip()
    if not body and attachment is None:
        raise rules.QuoteRuleError(_("Write a message or attach a file."))
    if len(body) > rules.MAX_MESSAGE_CHARS:
        raise rules.QuoteRuleError(
            _("A message can be at most %(count)s characters long.")
            % {"count": rules.MAX_MESSAGE_CHARS}
        )
    if quote.status not in statuses.OPEN + (statuses.ORDERED,):
        raise rules.QuoteRuleError(_("This conversation is closed."))
    message = QuoteMessage(quote=quote, author=author, side=side, body=body)
    if attachment is not None:
        message.attachment_name = attachment.name[-200:]
        message.attachment = attachment
    message.save()
    mark_read(quote, side, message.created_at)
    from .thread import announce  # thread.py uses this module

    transaction.on_commit(lambda: announce(quote.pk, message.pk))
    other = OTHER_SIDE.get(side)
    if other is not None and rules.should_email(
        presence.is_online(quote.pk, other), last_read(quote, other), timezone.now()
    ):
        # The worker checks again when it runs: the other side may have come back.
        transaction.on_commit(lambda: notifications.new_message.enqueue(message.pk))
    return message


@transaction.atomic
def report(quote, by, reason):
    """A party reports the thread to the Comune; operators can then read it."""
    reason = (reason or "").strip()
    if not reason:
        raise rules.QuoteRuleError(_("Tell the Comune what is wrong."))
    Quote.objects.filter(pk=quote.pk).update(reported_at=timezone.now(), report_reason=reason)


def respond_by_default():
    return today() + datetime.timedelta(days=rules.DEFAULT_ANSWER_DAYS)
