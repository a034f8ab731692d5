"""Capacity counts people, not units: what one booking takes of an offer's places.

An offer's capacity (``StockRecord.num_in_stock``) is the number of people or households it
can serve (places in a course, children in a centre, families a carer can follow). A booking
serves one household whatever its quantity: four sessions of a course take one of its 25
places, not four. Oscar speaks of stock in the units of an order line; ``StockRecord`` and
the availability policy translate those quantities into places with :func:`places_for`.
"""

PLACES_PER_BOOKING = 1


def places_for(quantity):
    """Places one booking (an order or basket line) of ``quantity`` units takes: 1, or 0
    for a line of no units. Idempotent (``places_for(places_for(q)) == places_for(q)``), so
    Oscar's methods that call each other with translated quantities stay consistent."""
    return PLACES_PER_BOOKING if quantity > 0 else 0
