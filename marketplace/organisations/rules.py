"""Organisation rules without the database: tax numbers, who may act, what a legal entity pays.

Italian legal entities are identified by their *codice fiscale* (11 digits for companies and
condominiums, the same number as the VAT number when they have one; 16 characters for a
sole trader's personal code). Validation (check digits included) is python-stdnum's.
"""

from decimal import Decimal

from stdnum import exceptions as stdnum_exceptions
from stdnum.it import codicefiscale, iva

from marketplace.pricing.rules import OfferPrice, to_cents


def normalise_tax_code(value):
    """``value`` without spaces, dots and an ``IT`` VAT prefix, upper case."""
    code = "".join(str(value or "").split()).replace(".", "").replace("-", "").upper()
    if len(code) == 13 and code.startswith("IT") and code[2:].isdigit():
        code = code[2:]
    return code


def tax_code_problem(value):
    """None when ``value`` is a valid Italian fiscal code or VAT number, else a key naming
    what is wrong: ``empty``, ``length``, ``checksum`` or ``format``."""
    code = normalise_tax_code(value)
    if not code:
        return "empty"
    if len(code) not in (11, 16):
        return "length"
    try:
        if len(code) == 11:
            iva.validate(code)
        else:
            codicefiscale.validate(code)
    except stdnum_exceptions.InvalidChecksum:
        return "checksum"
    except stdnum_exceptions.ValidationError:
        return "format"
    return None


def may_act(organisation_status, member_role, member_verified):
    """A person may buy or open a restricted group for an organisation only as a verified
    representative of a verified organisation."""
    return (
        organisation_status == "verified" and member_role == "representative" and member_verified
    )


def may_see_names(group_has_organisation, viewer_verified_member, other_verified_member):
    """Inside a group restricted to an organisation, verified members see the names of the
    other verified members; everywhere else nobody is named (only counts)."""
    return group_has_organisation and viewer_verified_member and other_verified_member


def organisation_price(pricing_kind, unit_price):
    """What an organisation pays per unit: the full price, never an ISEE share (a legal
    entity has no ISEE), so the Comune contributes nothing; a free offer stays free."""
    if pricing_kind == "free":
        zero = Decimal("0.00")
        return OfferPrice(zero, zero, zero)
    full = to_cents(unit_price or 0)
    return OfferPrice(full, full, Decimal("0.00"))
