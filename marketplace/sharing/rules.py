"""Rules of shared purchases: plain functions, no database access.

A shared offer has price tiers: from ``min_households`` households on (up to
``max_households``, or without an upper bound), each household pays ``unit_price`` EUR per
unit instead of the offer's individual price. The legacy WeMi stored the same idea as
``srv_prezzo_persone(qt_persone_da, qt_persone_a)`` (docs/shared/BATCH2-DESIGN.md §A).
Amounts are ``Decimal`` EUR rounded to cents; counts are households.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.pricing.rules import format_amount, to_cents

CONFIRM = "confirm"
FAIL = "fail"
WAIT = "wait"

MIN_GROUP = 2
MAX_GROUP = 50
# A group needs at least this long to gather households, and closes within this many days.
MIN_DEADLINE = datetime.timedelta(hours=1)
MAX_DEADLINE = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Tier:
    """From ``min_households`` households (to ``max_households``, None: no upper bound),
    each pays ``unit_price`` EUR per unit."""

    min_households: int
    max_households: int | None
    unit_price: Decimal
    # Validity, like the ISEE bands: from ``valid_from`` to ``valid_until`` inclusive (None:
    # no end). A tier without ``valid_from`` (a rule built in a test) is always valid.
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None

    def covers(self, households):
        return households >= self.min_households and (
            self.max_households is None or households <= self.max_households
        )

    def valid_on(self, on_date):
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_until is None or on_date <= self.valid_until
        )


def tiers_in_effect(tiers, on_date):
    """The tiers that set the shared prices on ``on_date``.

    A tier is valid from ``valid_from`` to ``valid_until`` inclusive (as an ISEE band). The
    tiers starting on the same day form one price list; when several lists are valid on a
    day, the one that started last governs, so the Comune can publish new prices from a
    future date without closing the old list first.
    """
    valid = [tier for tier in tiers if tier.valid_on(on_date)]
    if not valid:
        return []
    latest = max((tier.valid_from or datetime.date.min) for tier in valid)
    return sorted(
        (tier for tier in valid if (tier.valid_from or datetime.date.min) == latest),
        key=lambda tier: tier.min_households,
    )


def group_tiers(tiers, group_started_on):
    """The tiers of a group: those in effect on the day it was started (decision 0019,
    amendment). Tiers published later do not change its prices, so the price at each size
    that households saw when joining stays what it was."""
    return tiers_in_effect(tiers, group_started_on)


def validate_price_lists(tiers, individual_price, today):
    """What is wrong with an offer's tiers across their validity (empty list: valid).

    Tiers that start on the same day form one list and share its end; the end is not
    before the start; each list still in force on ``today`` or later passes
    :func:`validate_tiers` (a list that ended is history and is kept as it was).
    """
    errors = []
    lists = {}
    for tier in tiers:
        lists.setdefault(tier.valid_from, []).append(tier)
    for start, members in sorted(lists.items(), key=lambda item: item[0] or datetime.date.min):
        ends = {tier.valid_until for tier in members}
        if len(ends) > 1:
            errors.append(
                _("The tiers valid from %(date)s must end on the same day.")
                % {"date": date_format(start, "SHORT_DATE_FORMAT") if start else ""}
            )
            continue
        end = ends.pop()
        if start is not None and end is not None and end < start:
            errors.append(_("The end comes before the start."))
            continue
        if end is not None and end < today:
            continue
        errors.extend(validate_tiers(members, individual_price))
    return list(dict.fromkeys(errors))


def validate_tiers(tiers, individual_price):
    """What is wrong with a set of tiers, as a list of translated messages (empty: valid).

    Tiers start at 2 households or more, do not overlap and leave no gap between them, a
    bounded tier has ``max >= min``, only the last may be open-ended, prices never rise
    with more households and no tier costs more than ``individual_price`` (EUR).
    """
    errors = []
    ordered = sorted(tiers, key=lambda tier: tier.min_households)
    individual_price = to_cents(individual_price)
    for index, tier in enumerate(ordered):
        if tier.min_households < MIN_GROUP:
            errors.append(_("A shared price starts from 2 households or more."))
        if tier.max_households is not None and tier.max_households < tier.min_households:
            errors.append(
                _("A tier from %(min)s households cannot end at %(max)s.")
                % {"min": tier.min_households, "max": tier.max_households}
            )
        if tier.unit_price < 0:
            errors.append(_("A price cannot be negative."))
        if to_cents(tier.unit_price) > individual_price:
            errors.append(
                _("A shared price cannot be higher than the individual price (%(price)s €).")
                % {"price": format_amount(individual_price)}
            )
        if index + 1 < len(ordered):
            following = ordered[index + 1]
            if tier.max_households is None:
                errors.append(_("Only the last tier can have no maximum."))
            elif following.min_households <= tier.max_households:
                errors.append(
                    _("The tiers from %(a)s and from %(b)s households overlap.")
                    % {"a": tier.min_households, "b": following.min_households}
                )
            elif following.min_households > tier.max_households + 1:
                errors.append(
                    _("No price is set for %(n)s households.")
                    % {"n": tier.max_households + 1}
                )
            if following.unit_price > tier.unit_price:
                errors.append(_("The price per household cannot rise as more households join."))
    return list(dict.fromkeys(errors))


def household_price(tiers, households, individual_price):
    """What each of ``households`` households pays per unit (EUR).

    The price of the tier covering ``households``; with fewer households than the first
    tier, or more than the last covers, the nearest lower tier applies (never a higher
    price than a smaller group had), and one household pays ``individual_price``. The
    result is never above ``individual_price``. Tiers are assumed valid
    (:func:`validate_tiers`).
    """
    individual_price = to_cents(individual_price)
    price = individual_price
    for tier in sorted(tiers, key=lambda tier: tier.min_households):
        if households >= tier.min_households:
            price = min(price, to_cents(tier.unit_price))
    return price


def price_table(tiers, individual_price, up_to):
    """``[(households, unit price EUR)]`` for 1 .. ``up_to`` households."""
    return [(n, household_price(tiers, n, individual_price)) for n in range(1, up_to + 1)]


def close_outcome(min_households, households, deadline, now, early=False):
    """What closing a forming group does now: CONFIRM, FAIL or WAIT.

    At or after the ``deadline`` a group with ``min_households`` households or more is
    confirmed, one with fewer fails. Before it, the organiser may close it early
    (``early``) once the minimum is reached; otherwise the group waits.
    """
    if now >= deadline:
        return CONFIRM if households >= min_households else FAIL
    if early and households >= min_households:
        return CONFIRM
    return WAIT


def member_charge(price_cap, final_price):
    """What a member pays per unit at close (EUR): the group's final price, never more
    than the price they saw and accepted when joining (``price_cap``)."""
    return min(to_cents(price_cap), to_cents(final_price))


def group_problems(min_households, max_households, deadline, now, start_date):
    """What is wrong with a new group's terms, as ``{field: message}`` (empty: valid).

    Between 2 and :data:`MAX_GROUP` households, ``max >= min``; the deadline between
    :data:`MIN_DEADLINE` and :data:`MAX_DEADLINE` from ``now``; the service starts after
    the deadline (a date).
    """
    problems = {}
    if min_households is not None and not (MIN_GROUP <= min_households <= MAX_GROUP):
        problems["min_households"] = _("A group has between %(a)s and %(b)s households.") % {
            "a": MIN_GROUP,
            "b": MAX_GROUP,
        }
    if max_households is not None and not (MIN_GROUP <= max_households <= MAX_GROUP):
        problems["max_households"] = _("A group has between %(a)s and %(b)s households.") % {
            "a": MIN_GROUP,
            "b": MAX_GROUP,
        }
    elif (
        min_households is not None
        and max_households is not None
        and max_households < min_households
    ):
        problems["max_households"] = _("The maximum cannot be lower than the minimum.")
    if deadline is not None:
        if deadline < now + MIN_DEADLINE:
            problems["deadline"] = _("Give households at least an hour to join.")
        elif deadline > now + MAX_DEADLINE:
            problems["deadline"] = _("A group closes within 90 days.")
        elif start_date is not None and start_date <= deadline.date():
            problems["start_date"] = _("The service starts after the group closes.")
    return problems
