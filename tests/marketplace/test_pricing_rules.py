"""Pricing rules, table-driven: every band and every kind of offer (no database)."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from marketplace.pricing import rules

D = Decimal
TODAY = datetime.date(2026, 11, 23)
BANDS = [
    rules.Band(D("6000"), D("0")),
    rules.Band(D("15000"), D("30")),
    rules.Band(D("27000"), D("60")),
    rules.Band(None, D("100")),
]


def offer(kind, price):
    return SimpleNamespace(product=SimpleNamespace(pricing_kind=kind), price=D(price))


def declaration(value, expires_on=datetime.date(2026, 12, 31), verified=True):
    return SimpleNamespace(value=D(value), expires_on=expires_on, is_verified=verified)


@pytest.mark.parametrize(
    ("isee", "tariff", "full", "citizen", "comune"),
    [
        ("0", "22.50", "22.50", "0.00", "22.50"),
        ("6000", "22.50", "22.50", "0.00", "22.50"),  # bound is inclusive
        ("6000.01", "22.50", "22.50", "6.75", "15.75"),
        ("15000", "22.50", "22.50", "6.75", "15.75"),
        ("15000.01", "22.50", "22.50", "13.50", "9.00"),
        ("27000", "22.50", "22.50", "13.50", "9.00"),
        ("27000.01", "22.50", "22.50", "22.50", "0.00"),
        ("80000", "22.50", "22.50", "22.50", "0.00"),
        ("10000", "18.35", "18.35", "5.51", "12.84"),  # 5.505 rounds half up
        ("20000", "19.99", "19.99", "11.99", "8.00"),  # 11.994 rounds down
        (None, "22.50", "22.50", "22.50", "0.00"),  # no ISEE: full tariff
    ],
)
def test_accredited_offer_costs_the_share_of_the_band(isee, tariff, full, citizen, comune):
    price = rules.price_for(
        offer("accredited", tariff), declaration(isee) if isee else None, TODAY, BANDS
    )
    assert (price.full_price, price.citizen_price, price.comune_contribution) == (
        D(full),
        D(citizen),
        D(comune),
    )
    assert price.citizen_price + price.comune_contribution == price.full_price


@pytest.mark.parametrize("isee", [None, "0", "14000", "90000"])
@pytest.mark.parametrize(
    ("kind", "price", "expected_citizen"),
    [("market", "35.00", "35.00"), ("free", "12.00", "0.00")],
)
def test_market_and_free_offers_ignore_the_isee(isee, kind, price, expected_citizen):
    result = rules.price_for(offer(kind, price), declaration(isee) if isee else None, TODAY, BANDS)
    assert result.citizen_price == D(expected_citizen)
    assert result.comune_contribution == D("0.00")
    assert result.band is None


def test_expired_isee_counts_as_none_with_a_message():
    expired = declaration("3000", expires_on=datetime.date(2026, 11, 22))
    with translation.override("en"):
        price = rules.price_for(offer("accredited", "20.00"), expired, TODAY, BANDS)
    assert price.citizen_price == D("20.00")
    assert "expired on Nov. 22, 2026" in price.notice


def test_isee_valid_on_its_last_day():
    last_day = declaration("3000", expires_on=TODAY)
    price = rules.price_for(offer("accredited", "20.00"), last_day, TODAY, BANDS)
    assert price.citizen_price == D("0.00")
    assert price.notice == ""


def test_without_open_band_the_full_tariff_applies():
    price = rules.price_for(offer("accredited", "20.00"), declaration("50000"), TODAY, BANDS[:3])
    assert price.citizen_price == D("20.00")


@pytest.mark.parametrize(
    ("tariff", "share", "expected"),
    [
        ("10.00", "0", "0.00"),
        ("10.00", "33.33", "3.33"),
        ("0.15", "50", "0.08"),
        ("26", "60", "15.60"),
    ],
)
def test_citizen_share(tariff, share, expected):
    assert rules.citizen_share(D(tariff), rules.Band(None, D(share))) == D(expected)


def test_unknown_pricing_kind_is_an_error():
    with pytest.raises(ValueError):
        rules.price_for(offer("barter", "1"), None, TODAY, BANDS)


def test_an_unverified_isee_counts_as_none_with_a_message():
    """Issue 12: a self-declared ISEE of 1.00 EUR priced accredited services at 0 EUR at
    once; until the Comune verifies it, the full tariff applies."""
    unverified = declaration("1.00", verified=False)
    with translation.override("en"):
        price = rules.price_for(offer("accredited", "20.00"), unverified, TODAY, BANDS)
    assert price.citizen_price == D("20.00") and price.comune_contribution == D("0.00")
    assert "waiting to be verified by the Comune" in price.notice
    assert rules.valid_isee_value(unverified, TODAY) is None


@pytest.mark.parametrize(
    ("value", "protocol", "expires_on", "fields"),
    [
        # The expiry: 9999-12-31, and other dates past the DSU's year.
        ("9000", "INPS-ISEE-2026-12345678X-00", datetime.date(9999, 12, 31), {"expires_on"}),
        ("9000", "INPS-ISEE-2026-12345678X-00", datetime.date(2027, 1, 1), {"expires_on"}),
        ("9000", "INPS-ISEE-2025-12345678X-00", datetime.date(2026, 12, 31), {"expires_on"}),
        # A DSU from a future year, and values outside [0, 1,000,000].
        ("9000", "INPS-ISEE-2027-12345678X-00", datetime.date(2026, 12, 31), {"dsu_protocol"}),
        ("-0.01", "INPS-ISEE-2026-12345678X-00", datetime.date(2026, 12, 31), {"value"}),
        ("1000000.01", "INPS-ISEE-2026-12345678X-00", datetime.date(2026, 12, 31), {"value"}),
        ("99999999.99", "INPS-ISEE-2026-12345678X-00", datetime.date(2026, 12, 31), {"value"}),
        # Within bounds: nothing to say (an ISEE of 0 or 1 EUR exists; verification decides).
        ("0", "INPS-ISEE-2026-12345678X-00", datetime.date(2026, 12, 31), set()),
        ("1.00", "INPS-ISEE-2026-12345678X-00", datetime.date(2026, 11, 30), set()),
        ("1000000", "INPS-ISEE-2026-12345678X-00", datetime.date(2026, 12, 31), set()),
    ],
)
def test_declarations_are_bounded(value, protocol, expires_on, fields):
    problems = rules.declaration_problems(D(value), protocol, expires_on, TODAY)
    assert set(problems) == fields


def test_the_latest_expiry_is_the_end_of_the_dsu_year():
    assert rules.latest_isee_expiry("INPS-ISEE-2026-1X-00", TODAY) == datetime.date(2026, 12, 31)
    assert rules.latest_isee_expiry("INPS-ISEE-2024-1X-00", TODAY) == datetime.date(2024, 12, 31)
    assert rules.latest_isee_expiry("INPS-ISEE-2030-1X-00", TODAY) == datetime.date(2026, 12, 31)
    assert rules.latest_isee_expiry("garbage", TODAY) == datetime.date(2026, 12, 31)
