"""Statuses of quote requests and quotes, and the moves between them (plain data).

Codes are stored; people see the translated labels. Every move of a quote goes through
``workflow._transition``, which checks it against :data:`QUOTE_PIPELINE`.
"""

from django.utils.translation import gettext_lazy as _

# A request: sent to up to five providers; closed when the citizen accepts a quote;
# expired when nobody was chosen by its answer date; cancelled by the citizen.
SENT = "sent"
CLOSED = "closed"
EXPIRED = "expired"
CANCELLED = "cancelled"

REQUEST_PIPELINE = {
    SENT: (CLOSED, EXPIRED, CANCELLED),
    CLOSED: (),
    EXPIRED: (),
    CANCELLED: (),
}

REQUEST_LABELS = {
    SENT: _("Waiting for quotes"),
    CLOSED: _("Quote accepted"),
    EXPIRED: _("Expired"),
    CANCELLED: _("Cancelled"),
}

# A quote: one per request and provider.
AWAITING = "awaiting"
QUOTED = "quoted"
DECLINED = "declined"
WITHDRAWN = "withdrawn"
ACCEPTED = "accepted"
REJECTED = "rejected"
ORDERED = "ordered"
# EXPIRED is shared with requests.

QUOTE_PIPELINE = {
    AWAITING: (QUOTED, DECLINED, REJECTED, EXPIRED),
    QUOTED: (WITHDRAWN, ACCEPTED, REJECTED, EXPIRED),
    ACCEPTED: (ORDERED, EXPIRED),
    DECLINED: (),
    WITHDRAWN: (),
    REJECTED: (),
    EXPIRED: (),
    ORDERED: (),
}

QUOTE_LABELS = {
    AWAITING: _("No answer yet"),
    QUOTED: _("Quoted"),
    DECLINED: _("Declined"),
    WITHDRAWN: _("Withdrawn"),
    ACCEPTED: _("Accepted, to be paid"),
    REJECTED: _("Not chosen"),
    EXPIRED: _("Expired"),
    ORDERED: _("Paid"),
}

# At most one quote per request in these statuses (a partial unique constraint).
CHOSEN = (ACCEPTED, ORDERED)
# Quotes a provider may still answer, and whose thread is still open.
OPEN = (AWAITING, QUOTED, ACCEPTED)


def request_label(code):
    return REQUEST_LABELS.get(code, code)


def quote_label(code):
    return QUOTE_LABELS.get(code, code)


def can_move(old, new):
    """Whether a quote may go from ``old`` to ``new``."""
    return new in QUOTE_PIPELINE.get(old, ())
