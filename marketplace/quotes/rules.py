"""Business rules of quote requests, as plain functions (no database).

Amounts are ``Decimal`` EUR rounded to cents; dates are ``datetime.date`` (a quote is valid
until the end of its ``valid_until`` day, Europe/Rome); durations are ``datetime.timedelta``.
Sources: the legacy WeMi (Comune-Milano/wemi: ``ts_scadenza_acquisto``, the purchase deadline
of a provider's answer) and /work/shared/BATCH2-DESIGN.md §C.
"""

import datetime
import statistics
from decimal import Decimal

from marketplace.pricing.rules import FULL_TARIFF_BAND, OfferPrice, citizen_share, to_cents

from . import statuses

# At most this many providers per request (the issue; the legacy matched at most 3 workers).
MAX_PROVIDERS = 5
# A provider has this many days to answer unless the citizen says otherwise.
DEFAULT_ANSWER_DAYS = 7
MAX_ANSWER_DAYS = 60
# A quote is valid at most this long after it is given.
MAX_VALIDITY_DAYS = 90
# Attachments to messages: PDF or image, at most 5 MB.
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
# Somebody who has not looked at a thread for this long gets an e-mail for a new message.
AWAY_AFTER = datetime.timedelta(minutes=5)
MAX_MESSAGE_CHARS = 4000


class QuoteRuleError(ValueError):
    """A quote or a request breaks a rule; ``str(error)`` says which, for people."""


def quote_amount(quantity, unit_price):
    """The total of a quote (EUR, cents): ``quantity`` units at ``unit_price`` EUR.

    Raises :class:`QuoteRuleError` for a quantity that is not positive or a negative price.
    """
    from django.utils.translation import gettext as _

    quantity = Decimal(quantity)
    unit_price = Decimal(unit_price)
    if quantity <= 0:
        raise QuoteRuleError(_("The quantity must be more than zero."))
    if unit_price < 0:
        raise QuoteRuleError(_("The price cannot be negative."))
    return to_cents(quantity * unit_price)


def check_validity(valid_until, today):
    """Raise :class:`QuoteRuleError` unless ``valid_until`` is between today and
    :data:`MAX_VALIDITY_DAYS` days from today."""
    from django.utils.translation import gettext as _

    if valid_until < today:
        raise QuoteRuleError(_("A quote must be valid at least until today."))
    if valid_until > today + datetime.timedelta(days=MAX_VALIDITY_DAYS):
        raise QuoteRuleError(
            _("A quote can be valid for at most %(days)s days.") % {"days": MAX_VALIDITY_DAYS}
        )


def check_provider_count(count):
    """Raise :class:`QuoteRuleError` unless 1 to :data:`MAX_PROVIDERS` providers are chosen."""
    from django.utils.translation import gettext as _

    if count < 1:
        raise QuoteRuleError(_("Choose at least one provider."))
    if count > MAX_PROVIDERS:
        raise QuoteRuleError(
            _("Choose at most %(count)s providers.") % {"count": MAX_PROVIDERS}
        )


def is_current(valid_until, today):
    """Whether a quote valid until ``valid_until`` (a date, or None) still holds ``today``."""
    return valid_until is not None and today <= valid_until


def can_accept(quote_status, request_status, valid_until, today):
    """Whether the citizen may accept a quote: quoted, request still open, not expired."""
    return (
        quote_status == statuses.QUOTED
        and request_status == statuses.SENT
        and is_current(valid_until, today)
    )


def is_payable(quote_status, valid_until, today):
    """Whether an accepted quote can be paid: accepted (not yet ordered) and still valid.
    Expired and withdrawn quotes are never payable."""
    return quote_status == statuses.ACCEPTED and is_current(valid_until, today)


def charge_for(amount, pricing_kind, band):
    """What the citizen pays for a quote of ``amount`` EUR: an :class:`OfferPrice`.

    A market quote is paid in full. A quote for an accredited service is a tariff: the
    household pays its ISEE share (``band``; None = the full tariff) and the Comune the rest,
    like an accredited offer (``pricing.rules.price_for``).
    """
    full = to_cents(amount)
    if pricing_kind == "accredited":
        band = band or FULL_TARIFF_BAND
        paid = citizen_share(full, band)
        return OfferPrice(full_price=full, citizen_price=paid, comune_contribution=full - paid,
                          band=band)
    if pricing_kind != "market":
        raise ValueError(f"unknown pricing kind {pricing_kind!r}")
    return OfferPrice(full, full, Decimal("0.00"))


def quote_expires(quote_status, valid_until, request_status, respond_by, today):
    """Whether the sweep expires a quote today.

    A quote given (or accepted and not paid) expires the day after ``valid_until``; a
    quote never answered expires with its request, the day after ``respond_by``.
    """
    if quote_status in (statuses.QUOTED, statuses.ACCEPTED):
        return not is_current(valid_until, today)
    if quote_status == statuses.AWAITING:
        return today > respond_by
    return False


def request_expires(request_status, respond_by, quote_statuses, today):
    """Whether the sweep expires a request: still waiting after ``respond_by`` with no
    quote that could still be accepted."""
    if request_status != statuses.SENT or today <= respond_by:
        return False
    return not any(status == statuses.QUOTED for status in quote_statuses)


def sniff_attachment(head):
    """The kind of an uploaded file from its first bytes: ``"pdf"``, ``"png"``, ``"jpeg"``,
    ``"webp"`` or None (refused). The name and the browser's content type are not trusted."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def is_away(last_seen, now):
    """Whether somebody last seen on a thread at ``last_seen`` (None: never) is away."""
    return last_seen is None or now - last_seen > AWAY_AFTER


def should_email(online, last_seen, now):
    """Whether the other side of a thread gets an e-mail about a new message: not while it
    has the thread open (``online``: a socket of its side is connected), nor when it read
    the thread lately (``is_away``: e.g. the page polls because sockets are blocked)."""
    return not online and is_away(last_seen, now)


def answer_stats(rows):
    """Statistics of quotes, from ``rows`` of ``(sent_at, answered_at or None)``.

    Returns ``{"sent": n, "answered": n, "answer_rate": percent (int) or None,
    "median_hours": hours to the answer (float, 1 decimal) or None}``.
    """
    rows = list(rows)
    answered = [answered - sent for sent, answered in rows if answered is not None]
    return {
        "sent": len(rows),
        "answered": len(answered),
        "answer_rate": round(100 * len(answered) / len(rows)) if rows else None,
        "median_hours": round(statistics.median(answered).total_seconds() / 3600, 1)
        if answered
        else None,
    }
