"""The rules of delegations: plain functions, no database.

A citizen authorises an operator to act for them for some purposes and a period
(docs/decisions/0021-acting-for-and-access-log.md). The same functions decide every acting
view, the operator's list of citizens and the citizen's list of authorisations.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

#: Purposes a citizen can authorise (stored as these codes).
PURCHASE = "purchase"  # search, put services in the basket, place orders
ORDERS = "orders"  # see the citizen's orders and print their receipts
PURPOSES = (PURCHASE, ORDERS)

#: The longest authorisation a citizen can grant online or at the desk (days). Source:
#: the Comune's consent form for the Spazi WeMi asks for a renewal every year.
MAX_DELEGATION_DAYS = 365


@dataclass(frozen=True)
class DelegationFacts:
    """What the rules need to know of a delegation (or a model instance with these fields)."""

    operator_id: int
    citizen_id: int
    purposes: tuple
    starts_at: datetime
    ends_at: datetime
    revoked_at: datetime | None = None


def is_active(delegation, purpose, now):
    """Whether ``delegation`` authorises ``purpose`` at ``now`` (an aware datetime).

    Active means: not revoked (or revoked after ``now``), ``starts_at <= now < ends_at``,
    and ``purpose`` among its purposes.
    """
    if delegation.revoked_at is not None and delegation.revoked_at <= now:
        return False
    if not (delegation.starts_at <= now < delegation.ends_at):
        return False
    return purpose in tuple(delegation.purposes)


def pick_active(delegations, operator_id, citizen_id, purpose, now):
    """The delegation among ``delegations`` by which ``operator_id`` may act for
    ``citizen_id`` for ``purpose`` at ``now``, or ``None``.

    With several active ones, the one ending last (the operator keeps acting longest).
    """
    candidates = [
        delegation
        for delegation in delegations
        if delegation.operator_id == operator_id
        and delegation.citizen_id == citizen_id
        and operator_id != citizen_id
        and is_active(delegation, purpose, now)
    ]
    return max(candidates, key=lambda delegation: delegation.ends_at, default=None)


def period_problems(starts_at, ends_at, now):
    """Why a requested period cannot be granted, as ``{field: message}`` (empty when fine).

    The period must end after it starts, end in the future and last at most
    ``MAX_DELEGATION_DAYS`` days.
    """
    from django.utils.translation import gettext as _

    problems = {}
    if ends_at <= starts_at:
        problems["ends_on"] = _("The end comes before the start.")
    elif ends_at <= now:
        problems["ends_on"] = _("The authorisation would already be over.")
    elif ends_at - starts_at > timedelta(days=MAX_DELEGATION_DAYS):
        problems["ends_on"] = _("An authorisation lasts at most one year.")
    return problems


def purposes_problems(purposes):
    """Why a list of purposes cannot be granted (empty, or unknown codes): a message or ``""``."""
    from django.utils.translation import gettext as _

    if not purposes:
        return _("Choose at least one purpose.")
    if any(purpose not in PURPOSES for purpose in purposes):
        return _("Unknown purpose.")
    return ""
