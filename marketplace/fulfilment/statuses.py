"""Status codes of order lines and orders, and the transitions between them.

Plain data, free of Django models, so that the settings can hand the pipelines to Oscar
(``OSCAR_LINE_STATUS_PIPELINE``, ``OSCAR_ORDER_STATUS_PIPELINE``). Codes are stored;
people see the translated labels.
"""

from django.utils.translation import gettext_lazy as _

# Line statuses: a line goes to its provider, who accepts or declines it; an accepted line
# is delivered; the citizen may cancel a line that the provider has not accepted yet.
PENDING = "pending"
ACCEPTED = "accepted"
DECLINED = "declined"
DELIVERED = "delivered"
CANCELLED = "cancelled"

LINE_STATUS_PIPELINE = {
    PENDING: (ACCEPTED, DECLINED, CANCELLED),
    ACCEPTED: (DELIVERED,),
    DECLINED: (),
    DELIVERED: (),
    CANCELLED: (),
}

LINE_STATUS_LABELS = {
    PENDING: _("Awaiting the provider"),
    ACCEPTED: _("Accepted"),
    DECLINED: _("Declined"),
    DELIVERED: _("Delivered"),
    CANCELLED: _("Cancelled"),
}

# Order statuses derive from the statuses of the order's lines (see ``derive_order_status``).
ORDER_PENDING = "pending"
ORDER_IN_PROGRESS = "in_progress"
ORDER_COMPLETED = "completed"
ORDER_CANCELLED = "cancelled"
ORDER_DECLINED = "declined"

ORDER_STATUS_PIPELINE = {
    ORDER_PENDING: (ORDER_IN_PROGRESS, ORDER_CANCELLED, ORDER_DECLINED),
    ORDER_IN_PROGRESS: (ORDER_COMPLETED,),
    ORDER_COMPLETED: (),
    ORDER_CANCELLED: (),
    ORDER_DECLINED: (),
}

ORDER_STATUS_LABELS = {
    ORDER_PENDING: _("Awaiting the providers"),
    ORDER_IN_PROGRESS: _("In progress"),
    ORDER_COMPLETED: _("Completed"),
    ORDER_CANCELLED: _("Cancelled"),
    ORDER_DECLINED: _("Declined by the provider"),
}

# Lines and orders that will not be delivered: nothing is due for them.
VOID_LINE_STATUSES = frozenset({DECLINED, CANCELLED})
VOID_ORDER_STATUSES = frozenset({ORDER_CANCELLED, ORDER_DECLINED})


def derive_order_status(line_statuses):
    """The order's status given the statuses of its lines.

    - every line declined by its provider: the order is declined (not "cancelled": the
      citizen did not cancel it);
    - every line cancelled or declined, one at least cancelled by the citizen: cancelled;
    - every line finished (delivered, cancelled or declined), one at least delivered: completed;
    - a line accepted or delivered, others still open: in progress;
    - otherwise (lines await the provider): pending.
    """
    statuses = set(line_statuses)
    if not statuses:
        return ORDER_PENDING
    if statuses == {DECLINED}:
        return ORDER_DECLINED
    if statuses <= {DECLINED, CANCELLED}:
        return ORDER_CANCELLED
    if statuses <= {DELIVERED, DECLINED, CANCELLED}:
        return ORDER_COMPLETED
    if statuses & {ACCEPTED, DELIVERED}:
        return ORDER_IN_PROGRESS
    return ORDER_PENDING


def line_status_label(code):
    return LINE_STATUS_LABELS.get(code, code)


def order_status_label(code):
    return ORDER_STATUS_LABELS.get(code, code)
