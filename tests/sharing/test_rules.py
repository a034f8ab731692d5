"""The rules of shared purchases (marketplace/sharing/rules.py), without a database."""

import datetime
from decimal import Decimal

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.pricing.rules import HUNDRED, Band, citizen_share
from marketplace.sharing import rules
from marketplace.sharing.rules import Tier

NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
TIERS = [
    Tier(2, 3, Decimal("15.00")),
    Tier(4, 5, Decimal("12.00")),
    Tier(6, None, Decimal("10.00")),
]


def test_household_price_follows_the_tiers():
    assert [rules.household_price(TIERS, n, "20") for n in range(1, 8)] == [
        Decimal("20.00"),
        Decimal("15.00"),
        Decimal("15.00"),
        Decimal("12.00"),
        Decimal("12.00"),
        Decimal("10.00"),
        Decimal("10.00"),
    ]


def test_no_tiers_is_the_individual_price():
    assert rules.household_price([], 5, "18.5") == Decimal("18.50")


def test_validate_tiers_accepts_good_tiers():
    assert rules.validate_tiers(TIERS, Decimal("20")) == []


@translation.override("en")
def test_validate_tiers_finds_every_problem():
    assert rules.validate_tiers([Tier(1, 2, Decimal("5"))], Decimal("20")) != []
    assert any(
        "overlap" in error
        for error in rules.validate_tiers(
            [Tier(2, 4, Decimal("15")), Tier(4, None, Decimal("10"))], Decimal("20")
        )
    )
    assert any(
        "No price" in error
        for error in rules.validate_tiers(
            [Tier(2, 3, Decimal("15")), Tier(5, None, Decimal("10"))], Decimal("20")
        )
    )
    assert any(
        "rise" in error
        for error in rules.validate_tiers(
            [Tier(2, 3, Decimal("10")), Tier(4, None, Decimal("15"))], Decimal("20")
        )
    )
    assert any(
        "higher than the individual" in error
        for error in rules.validate_tiers([Tier(2, None, Decimal("25"))], Decimal("20"))
    )
    assert any(
        "last tier" in error
        for error in rules.validate_tiers(
            [Tier(2, None, Decimal("15")), Tier(4, None, Decimal("10"))], Decimal("20")
        )
    )
    assert any(
        "cannot end" in error
        for error in rules.validate_tiers([Tier(4, 3, Decimal("15"))], Decimal("20"))
    )


def test_close_outcome():
    deadline = NOW + datetime.timedelta(hours=1)
    assert rules.close_outcome(3, 2, deadline, NOW) == rules.WAIT
    assert rules.close_outcome(3, 3, deadline, NOW) == rules.WAIT
    assert rules.close_outcome(3, 3, deadline, NOW, early=True) == rules.CONFIRM
    assert rules.close_outcome(3, 2, deadline, NOW, early=True) == rules.WAIT
    assert rules.close_outcome(3, 3, NOW, NOW) == rules.CONFIRM
    assert rules.close_outcome(3, 2, NOW, NOW) == rules.FAIL


def test_group_problems():
    later = NOW + datetime.timedelta(days=3)
    assert rules.group_problems(2, 5, later, NOW, later.date() + datetime.timedelta(days=1)) == {}
    problems = rules.group_problems(1, 60, NOW, NOW, NOW.date())
    assert set(problems) == {"min_households", "max_households", "deadline"}
    assert set(rules.group_problems(5, 3, later, NOW, later.date())) == {
        "max_households",
        "start_date",
    }
    assert "deadline" in rules.group_problems(2, 3, NOW + datetime.timedelta(days=91), NOW, None)


@st.composite
def valid_tiers(draw):
    """Contiguous, non-increasing tiers under an individual price (EUR)."""
    individual = Decimal(draw(st.integers(min_value=100, max_value=50000))) / 100
    count = draw(st.integers(min_value=0, max_value=5))
    start = 2
    price = individual
    tiers = []
    for index in range(count):
        width = draw(st.integers(min_value=1, max_value=5))
        price = price - Decimal(draw(st.integers(min_value=0, max_value=int(price * 100)))) / 100
        last = index == count - 1
        end = None if last and draw(st.booleans()) else start + width - 1
        tiers.append(Tier(start, end, price))
        start += width
    return tiers, individual


HOUSEHOLDS = st.integers(min_value=1, max_value=40)


@given(valid_tiers(), HOUSEHOLDS, HOUSEHOLDS)
def test_price_never_rises_as_households_join(drawn, n, m):
    tiers, individual = drawn
    assert rules.validate_tiers(tiers, individual) == []
    small, large = sorted((n, m))
    assert rules.household_price(tiers, large, individual) <= rules.household_price(
        tiers, small, individual
    )
    assert rules.household_price(tiers, large, individual) <= individual


@given(
    st.decimals(min_value=0, max_value=1000, places=2),
    st.decimals(min_value=0, max_value=1000, places=2),
    st.decimals(min_value=0, max_value=100, places=2),
)
def test_charge_within_cap_and_split_adds_up(cap, final, share):
    charged = rules.member_charge(cap, final)
    assert charged <= cap and charged <= final
    band = Band(upper_bound=None, share_percent=share)
    citizen = citizen_share(charged, band)
    comune = charged - citizen
    assert citizen + comune == charged
    assert Decimal(0) <= citizen <= charged
    assert share != HUNDRED or citizen == charged


def test_the_individual_price_in_a_tier_error_follows_the_language():
    tiers = [Tier(2, None, Decimal("25"))]
    with translation.override("it"):
        assert any("(20,00 €)" in error for error in rules.validate_tiers(tiers, Decimal("20")))
    with translation.override("ar"):
        assert any("(20.00 €)" in error for error in rules.validate_tiers(tiers, Decimal("20")))


def test_amounts_in_messages_read_like_the_prices_on_the_page():
    from oscar.templatetags.currency_filters import currency

    from marketplace.pricing.rules import format_amount

    for language in ("it", "en", "ar", "zh-hans", "es"):
        with translation.override(language):
            for value in (Decimal("15"), Decimal("1250.5")):
                assert format_amount(value) in currency(value)
