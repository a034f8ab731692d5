"""Who a provider contacts about an order line, where, and for whom.

The contact person and phone are what the citizen typed at checkout (``Order.contact_name``,
``Order.contact_phone``); orders placed before those fields existed fall back on the account's
name and e-mail. The service address is the line's (each line of a basket may take place at a
different address).
"""

import re

from marketplace import line_options


def phone_link(phone):
    """``phone`` reduced to what a ``tel:`` link takes: a leading ``+`` and digits.

    >>> phone_link("+39 02 1234-567")
    '+39021234567'
    """
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    return f"+{digits}" if phone.startswith("+") else digits


def service_address(line):
    """``"street, zone"`` of the line's service address (from its options), or ``""``."""
    options = {
        attribute.option.code: attribute.value
        for attribute in line.attributes.all()
        if attribute.option
    }
    parts = [
        options.get(line_options.SERVICE_STREET, ""),
        options.get(line_options.SERVICE_ZONE, ""),
    ]
    return ", ".join(str(part).strip() for part in parts if part and str(part).strip())


def line_contact(line):
    """A dict for the provider: ``name``, ``phone``, ``phone_link``, ``email``,
    ``receives_service`` (the beneficiary, else the contact person), ``beneficiary`` (may be
    empty), ``address`` and ``notes``."""
    order = line.order
    user = order.user
    name = order.contact_name or (user.get_full_name() if user else "") or order.email
    return {
        "name": name,
        "phone": order.contact_phone,
        "phone_link": phone_link(order.contact_phone),
        "email": order.email,
        "beneficiary": order.beneficiary_name,
        "receives_service": order.beneficiary_name or name,
        "address": service_address(line),
        "notes": order.notes_for_providers,
    }
