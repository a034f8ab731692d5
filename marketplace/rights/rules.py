"""Plain rules of the citizen's data rights: no database, unit and property tested.

Sources: GDPR (EU Regulation 2016/679) art. 15, 17 and 20; the Italian civil code, art. 2220
(accounting records and the documents behind them are kept for ten years).
"""

import datetime

from marketplace.fulfilment import statuses

# Art. 2220 codice civile: "Le scritture devono essere conservate per dieci anni dalla data
# dell'ultima registrazione". An order is the document behind the Comune's and the
# provider's accounting entries, so it is kept ten years (counted from the day it was placed).
ORDER_RETENTION_YEARS = 10

# The domain of the e-mail address an erased account keeps (RFC 2606: ``.invalid`` never
# resolves, so nothing can be sent to it and no one can register it).
ERASED_EMAIL_DOMAIN = "erased.invalid"

# Line statuses the citizen's deletion cancels through the fulfilment workflow (the citizen
# may cancel them: the provider has not accepted yet).
CANCELLABLE_LINE_STATUSES = frozenset({statuses.PENDING})
# Line statuses that stop the deletion: the provider accepted and is delivering a service the
# citizen has a contract for (GDPR art. 17(3)(b) and art. 6(1)(b): the data is needed to
# perform it). The page says so and names the provider.
BLOCKING_LINE_STATUSES = frozenset({statuses.ACCEPTED})


def retention_cutoff(today, years=ORDER_RETENTION_YEARS):
    """The first day still inside the retention period: orders placed before it are past.

    ``today`` is a ``datetime.date``; ``years`` a whole number of years (default 10, art.
    2220 c.c.). 29 February falls back on 28 February in years that have none.

    >>> retention_cutoff(datetime.date(2036, 3, 1))
    datetime.date(2026, 3, 1)
    >>> retention_cutoff(datetime.date(2034, 2, 28), years=10)
    datetime.date(2024, 2, 28)
    >>> retention_cutoff(datetime.date(2028, 2, 29), years=1)
    datetime.date(2027, 2, 28)
    """
    if years < 0:
        raise ValueError("The retention period cannot be negative.")
    year = today.year - years
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February in a year without it
        return datetime.date(year, 2, 28)


def is_past_retention(placed_on, today, years=ORDER_RETENTION_YEARS):
    """Whether an order placed on ``placed_on`` (a date) is past the retention period."""
    return placed_on < retention_cutoff(today, years)


def erased_email(user_pk):
    """The address an erased account keeps: unique per account, never deliverable, never
    the citizen's (so the citizen's own address can register again).

    >>> erased_email(42)
    'erased-42@erased.invalid'
    """
    return f"erased-{int(user_pk)}@{ERASED_EMAIL_DOMAIN}"


def is_erased_email(email):
    """Whether ``email`` is the placeholder of an erased account."""
    return (email or "").lower().endswith("@" + ERASED_EMAIL_DOMAIN)


def deletion_plan(line_statuses):
    """What deleting the account does to the citizen's order lines.

    ``line_statuses`` is an iterable of ``(line_id, status)``. Returns ``(cancel, blocking)``:
    the ids of the lines the deletion cancels first (not yet accepted by the provider) and of
    the lines that stop it (accepted, not delivered yet). Lines already delivered, declined or
    cancelled are only anonymised.
    """
    cancel, blocking = [], []
    for line_id, status in line_statuses:
        if status in BLOCKING_LINE_STATUSES:
            blocking.append(line_id)
        elif status in CANCELLABLE_LINE_STATUSES:
            cancel.append(line_id)
    return cancel, blocking
