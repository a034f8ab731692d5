"""Pricing rules: plain functions, no database access.

An accredited offer costs the citizen a share of the Comune tariff that depends on the ISEE
band of their household; the Comune pays the rest. A market offer costs the provider's price
to everyone; a free offer costs nothing. Amounts are ``Decimal`` rounded to cents, half up.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# The highest ISEE a declaration may state. Any ISEE above the last band pays the full
# tariff, so the bound only rejects typing errors (and keeps the value in its column).
ISEE_MAX_VALUE = Decimal("1000000.00")
_DSU_YEAR = re.compile(r"^INPS-ISEE-(\d{4})-")


def to_cents(amount):
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Band:
    """An ISEE band: households with an ISEE up to ``upper_bound`` pay ``share_percent``
    of the tariff. ``upper_bound`` None is the band above all others (and of no ISEE)."""

    upper_bound: Decimal | None
    share_percent: Decimal

    def contains(self, isee_value):
        return self.upper_bound is None or isee_value <= self.upper_bound


FULL_TARIFF_BAND = Band(upper_bound=None, share_percent=HUNDRED)


@dataclass(frozen=True)
class OfferPrice:
    """What one unit of an offer costs a given household."""

    full_price: Decimal
    citizen_price: Decimal
    comune_contribution: Decimal
    band: Band | None = None
    notice: str = ""


def citizen_share(tariff, band):
    """The part of ``tariff`` that a household in ``band`` pays, rounded to cents."""
    return to_cents(Decimal(tariff) * band.share_percent / HUNDRED)


def band_for(isee_value, bands):
    """The band of a household: the lowest band whose upper bound covers its ISEE.

    ``isee_value`` None (no valid ISEE) falls in the open-ended band; without one, in
    :data:`FULL_TARIFF_BAND`.
    """
    ordered = sorted(
        bands, key=lambda band: (band.upper_bound is None, band.upper_bound or Decimal(0))
    )
    for band in ordered:
        if isee_value is None:
            if band.upper_bound is None:
                return band
        elif band.contains(isee_value):
            return band
    return FULL_TARIFF_BAND


def dsu_year(dsu_protocol):
    """The year a DSU was submitted, from its INPS protocol number (int), or None."""
    match = _DSU_YEAR.match((dsu_protocol or "").strip().upper())
    return int(match.group(1)) if match else None


def latest_isee_expiry(dsu_protocol, today):
    """The last day an ISEE can be valid (date): 31 December of the year its DSU was
    submitted (DPCM 159/2013 art. 10 as amended by DL 34/2019: an ISEE is valid until
    31 December of the year of its DSU), and never after 31 December of ``today``'s year."""
    year = dsu_year(dsu_protocol) or today.year
    return datetime.date(min(year, today.year), 12, 31)


def declaration_problems(value, dsu_protocol, expires_on, today):
    """What is wrong with an ISEE declaration, as ``{field name: message}`` (empty if
    nothing): the value must lie in [0, :data:`ISEE_MAX_VALUE`] EUR, the DSU must not be
    from a future year, and the expiry must not come after :func:`latest_isee_expiry`.
    Whether it has already expired is the caller's business (operators record old ones)."""
    problems = {}
    if value is not None and not (Decimal(0) <= value <= ISEE_MAX_VALUE):
        problems["value"] = _("An ISEE is between 0 and %(max)s EUR.") % {
            "max": number_format(ISEE_MAX_VALUE, 0, force_grouping=True)
        }
    year = dsu_year(dsu_protocol)
    if year is not None and year > today.year:
        problems["dsu_protocol"] = _("A DSU cannot be submitted in a future year.")
    if expires_on is not None and expires_on > latest_isee_expiry(dsu_protocol, today):
        problems["expires_on"] = _(
            "An ISEE is valid until 31 December of the year its DSU was submitted, "
            "at the latest %(date)s."
        ) % {"date": date_format(latest_isee_expiry(dsu_protocol, today))}
    return problems


def isee_counts(declaration, on_date):
    """Whether a declaration prices orders on ``on_date``: verified by the Comune and not
    expired. An unverified declaration counts as no ISEE (docs/decisions/0011)."""
    return (
        declaration is not None
        and declaration.is_verified
        and declaration.expires_on >= on_date
    )


def valid_isee_value(declaration, on_date):
    """The declared ISEE if it counts on ``on_date`` (:func:`isee_counts`), else None."""
    if not isee_counts(declaration, on_date):
        return None
    return declaration.value


def isee_notice(declaration, on_date):
    """A message for a household whose ISEE does not count (expired, or not verified yet),
    or ''."""
    if declaration is None:
        return ""
    if declaration.expires_on < on_date:
        return _(
            "Your ISEE declaration expired on %(date)s: you are shown the full tariff. "
            "Declare your new ISEE in your account to pay your share."
        ) % {"date": date_format(declaration.expires_on)}
    if not declaration.is_verified:
        return _(
            "Your ISEE declaration is waiting to be verified by the Comune: until then you "
            "are shown the full tariff. Your reduced price applies to the orders you place "
            "once it is verified."
        )
    return ""


def price_for(offer, isee_declaration, on_date, bands):
    """The price of one unit of ``offer`` (a stock record) for a household on a date.

    The offer's product says how it is priced (free, accredited, market); the stock record's
    ``price`` is the Comune tariff for accredited offers and the provider's price otherwise.
    ``bands`` are the ISEE bands valid on ``on_date``. An expired or not yet verified
    declaration counts as no ISEE.
    """
    pricing_kind = offer.product.pricing_kind
    full_price = to_cents(offer.price or 0)
    if pricing_kind == "free":
        return OfferPrice(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
    if pricing_kind == "market":
        return OfferPrice(full_price, full_price, Decimal("0.00"))
    if pricing_kind != "accredited":
        raise ValueError(f"unknown pricing kind {pricing_kind!r}")
    band = band_for(valid_isee_value(isee_declaration, on_date), bands)
    paid = citizen_share(full_price, band)
    return OfferPrice(
        full_price=full_price,
        citizen_price=paid,
        comune_contribution=full_price - paid,
        band=band,
        notice=isee_notice(isee_declaration, on_date),
    )


def share_of(tariff, share_percent):
    """The part of ``tariff`` (EUR) that a household paying ``share_percent`` % pays, in cents."""
    return to_cents(Decimal(tariff) * Decimal(share_percent) / HUNDRED)


def lowest_price_for_share(tariff_from, market_from, share_percent):
    """What a household pays, per unit, for the cheapest offer of a service; None if unpriced.

    ``tariff_from`` is the lowest full Comune tariff of the service's accredited offers and
    ``market_from`` the lowest price of its market (or free) offers, in EUR, either None
    when the service has no such offer; ``share_percent`` is the household's band share
    (100 for anonymous visitors and households without a valid ISEE in the open band).
    Returns ``(price, kind)`` with ``kind`` "accredited" or "market" (a tie goes to the
    market offer, which is what the search engines sort by too), or None.
    """
    candidates = []
    if market_from is not None:
        candidates.append((to_cents(market_from), 0, "market"))
    if tariff_from is not None:
        candidates.append((share_of(tariff_from, share_percent), 1, "accredited"))
    if not candidates:
        return None
    price, _order, kind = min(candidates)
    return price, kind


def share_basis_points(share_percent):
    """``share_percent`` (two decimals at most, as ``IseeBand`` stores it) in hundredths of %.

    The search engines compute a household's price in whole cents as
    ``(tariff_cents * basis_points + 5000) // 10000``, which is :func:`share_of` exactly.
    """
    points = Decimal(share_percent) * HUNDRED
    if points != points.to_integral_value():
        raise ValueError(f"share {share_percent!r} has more than two decimals")
    return int(points)


def format_number(value):
    """``value`` as the active language writes numbers, with Babel as prices are written
    (Oscar's ``currency`` filter), so amounts and ISEE values read alike on one page."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=to_locale(get_language() or settings.LANGUAGE_CODE))


def format_amount(value):
    """An amount of euros with its two decimals as the active language writes it beside
    Oscar's ``currency`` filter ("1.250,50" in Italian, "1,250.50" in English and Arabic),
    for messages whose text already carries the "€"."""
    from babel.numbers import format_decimal

    return format_decimal(
        value, format="#,##0.00", locale=to_locale(get_language() or settings.LANGUAGE_CODE)
    )


def plain_share(share_percent):
    """``share_percent`` without trailing zeros, in the active language ("30", "12,5")."""
    share = Decimal(share_percent)
    share = share.quantize(Decimal(1)) if share == share.to_integral_value() else share.normalize()
    return format_number(share)


def share_explanation(isee_value, band):
    """Why a household pays what it pays for accredited offers, in the active language.

    ``isee_value`` is its valid ISEE (EUR) or None, ``band`` its band (see :func:`band_for`).
    E.g. "Your ISEE is 12.000 €: you pay 30 % of the Comune tariff, the Comune pays the rest."
    """
    share = plain_share(band.share_percent)
    if isee_value is None:
        return _(
            "You have not declared a valid ISEE: you pay %(share)s %% of the Comune tariff."
        ) % {"share": share}
    isee = format_number(to_cents(isee_value).quantize(Decimal(1)))
    if band.share_percent == 0:
        return _("Your ISEE is %(isee)s €: you pay nothing, the Comune pays the whole tariff.") % {
            "isee": isee
        }
    return _(
        "Your ISEE is %(isee)s €: you pay %(share)s %% of the Comune tariff, the Comune pays "
        "the rest."
    ) % {"isee": isee, "share": share}
