"""Booking rules: what a basket line for a service must hold, whichever way it got there.

One set of rules for every path into the basket and every change to it: the booking form on
the service page (``marketplace.forms.AddToBasketForm``), the quantities on the basket page
(``marketplace.basket.forms.BasketLineForm``) and, before any order is placed, every line of
the basket (``marketplace.checkout.session.CheckoutSessionMixin.check_basket_is_valid``),
so a line that reached the basket some other way cannot become an order. Oscar's generic
ways in (add any product by id, "buy again", saved baskets) are not routed
(``marketplace.shop``).

The rules: a line holds 1 to ``MAX_QUANTITY`` units, also after merging with an identical
line (same offer, same choices); a start date from tomorrow to ``BOOKING_HORIZON_DAYS``
ahead; a known frequency; a service address; a zone. Capacity (places left) is the
strategy's availability, checked by the same callers.

Each function returns a list of messages for people (empty when the rule holds).
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from . import line_options

MAX_QUANTITY = 200
BOOKING_HORIZON_DAYS = 365
MAX_STREET_LENGTH = 200


def quantity_problems(quantity, already_on_line=0):
    """``quantity`` units added to a line already holding ``already_on_line`` units."""
    if quantity is None or quantity < 1:
        return [_("Book at least one unit.")]
    total = quantity + already_on_line
    if total > MAX_QUANTITY:
        if already_on_line:
            return [
                _(
                    "You can book at most %(max)s units of one offer with the same choices: "
                    "your basket already holds %(in_basket)s."
                )
                % {"max": MAX_QUANTITY, "in_basket": already_on_line}
            ]
        return [_("You can book at most %(max)s units at a time.") % {"max": MAX_QUANTITY}]
    return []


def start_date_problems(start, today=None):
    """``start`` (a date, or ``None`` when missing or unreadable)."""
    today = today or timezone.localdate()
    if start is None:
        return [_("Choose a preferred start date.")]
    if start <= today:
        return [_("Choose a start date from tomorrow onwards.")]
    if start > today + datetime.timedelta(days=BOOKING_HORIZON_DAYS):
        return [_("Choose a start date within the next twelve months.")]
    return []


def frequency_problems(frequency):
    if frequency not in line_options.Frequency.values:
        return [_("Choose how often the service takes place.")]
    return []


def street_problems(street):
    street = (street or "").strip()
    if not street:
        return [_("Give the address where the service takes place.")]
    if len(street) > MAX_STREET_LENGTH:
        return [_("The service address is too long.")]
    return []


def zone_problems(zone_name):
    if not (zone_name or "").strip():
        return [_("Choose your neighbourhood from the list.")]
    return []


def choices_problems(options, today=None):
    """The line's choices, ``{option code: stored value}`` (``line_options`` codes)."""
    start = options.get(line_options.START_DATE)
    try:
        start_date = parse_date(str(start)) if start else None
    except ValueError:
        start_date = None
    return [
        *start_date_problems(start_date, today),
        *frequency_problems(options.get(line_options.FREQUENCY)),
        *street_problems(options.get(line_options.SERVICE_STREET)),
        *zone_problems(options.get(line_options.SERVICE_ZONE)),
    ]


def line_options_of(line):
    """``{option code: value}`` of a basket or order line's attributes."""
    return {
        attribute.option.code: attribute.value
        for attribute in line.attributes.all()
        if attribute.option is not None
    }


def line_problems(line, today=None):
    """Every rule a basket line (Oscar ``basket.Line``) breaks, as messages."""
    return [
        *quantity_problems(line.quantity),
        *choices_problems(line_options_of(line), today),
    ]
