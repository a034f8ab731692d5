"""Validity dates of shared price tiers (marketplace/sharing/rules.py), without a database:
which tiers are in effect on a day, and that a group keeps the prices of the day it was
started when the Comune publishes new ones (decision 0019, amendment)."""

import datetime
from decimal import Decimal

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.sharing import rules
from marketplace.sharing.rules import Tier

D = datetime.date
OLD = [
    Tier(2, 3, Decimal("15.00"), D(2026, 1, 1), None),
    Tier(4, None, Decimal("12.00"), D(2026, 1, 1), None),
]
NEW = [Tier(2, None, Decimal("11.00"), D(2026, 7, 1), D(2026, 12, 31))]


def test_in_effect_follows_the_inclusive_dates():
    assert rules.tiers_in_effect(OLD + NEW, D(2025, 12, 31)) == []
    assert rules.tiers_in_effect(OLD + NEW, D(2026, 1, 1)) == OLD
    assert rules.tiers_in_effect(OLD + NEW, D(2026, 6, 30)) == OLD
    # The list that started last governs while it is valid, its last day included.
    assert rules.tiers_in_effect(OLD + NEW, D(2026, 7, 1)) == NEW
    assert rules.tiers_in_effect(OLD + NEW, D(2026, 12, 31)) == NEW
    # Then the older open-ended list applies again.
    assert rules.tiers_in_effect(OLD + NEW, D(2027, 1, 1)) == OLD


def test_tiers_without_dates_are_always_in_effect():
    plain = [Tier(2, None, Decimal("9"))]
    assert rules.tiers_in_effect(plain, D(1999, 1, 1)) == plain


def test_price_lists_are_validated_one_by_one():
    today = D(2026, 6, 1)
    assert rules.validate_price_lists(OLD + NEW, Decimal("20"), today) == []
    with translation.override("en"):
        # Each list must be a valid set of tiers of its own.
        rising = [Tier(2, 3, Decimal("10.00"), D(2026, 7, 1), None),
                  Tier(4, None, Decimal("11.00"), D(2026, 7, 1), None)]
        assert rules.validate_price_lists(OLD + rising, Decimal("20"), today) == [
            "The price per household cannot rise as more households join."
        ]
        split_end = [NEW[0], Tier(3, None, Decimal("10.00"), D(2026, 7, 1), None)]
        assert "must end on the same day" in rules.validate_price_lists(
            split_end, Decimal("20"), today
        )[0]
        backwards = [Tier(2, None, Decimal("11"), D(2026, 7, 1), D(2026, 6, 1))]
        assert rules.validate_price_lists(backwards, Decimal("20"), today) == [
            "The end comes before the start."
        ]
        # A list that ended is history: a later fall of the individual price does not
        # make it invalid, while a list still in force must stay below the price.
        ended = [Tier(2, None, Decimal("18"), D(2025, 1, 1), D(2025, 12, 31))]
        assert rules.validate_price_lists(ended, Decimal("16"), today) == []
        assert rules.validate_price_lists(OLD, Decimal("14"), today)


DAYS = st.integers(min_value=0, max_value=400).map(
    lambda n: D(2026, 1, 1) + datetime.timedelta(days=n)
)


@st.composite
def price_list(draw, start, individual):
    """A valid list of tiers from ``start``: contiguous, never rising, never above
    ``individual`` cents."""
    end = draw(st.none() | st.integers(0, 200).map(lambda n: start + datetime.timedelta(n)))
    sizes = sorted(draw(st.sets(st.integers(3, 30), max_size=4)))
    starts = [2] + sizes
    cents = sorted(
        draw(st.lists(st.integers(0, individual), min_size=len(starts), max_size=len(starts))),
        reverse=True,
    )
    tiers = []
    for index, low in enumerate(starts):
        high = starts[index + 1] - 1 if index + 1 < len(starts) else None
        tiers.append(Tier(low, high, Decimal(cents[index]) / 100, start, end))
    return tiers


@st.composite
def offers(draw):
    individual = draw(st.integers(100, 5000))
    starts = sorted(draw(st.sets(DAYS, min_size=1, max_size=4)))
    tiers = [tier for start in starts for tier in draw(price_list(start, individual))]
    return Decimal(individual) / 100, tiers


@given(offers(), DAYS)
def test_in_effect_is_one_whole_list(offer, day):
    _individual, tiers = offer
    found = rules.tiers_in_effect(tiers, day)
    valid = [tier for tier in tiers if tier.valid_on(day)]
    assert all(tier.valid_on(day) for tier in found)
    if valid:
        latest = max(tier.valid_from for tier in valid)
        assert sorted(found, key=lambda t: t.min_households) == sorted(
            (t for t in valid if t.valid_from == latest), key=lambda t: t.min_households
        )
        assert found[0].min_households == 2  # a whole list, from 2 households
    else:
        assert found == []


@given(
    offers(),
    DAYS,
    st.integers(1, 90),
    st.integers(2, 30),
    st.lists(st.integers(1, 90), min_size=1, max_size=30),
    st.integers(101, 9000),
)
def test_new_prices_mid_group_never_charge_more_than_seen(
    offer, started, new_after, max_households, join_days, new_cents
):
    """The Comune publishes a new list (higher or lower) while the group forms: the
    group's prices stay those of the day it was started, each household's price at its
    joining never rises for later joiners, and nobody is charged more than they saw."""
    individual, tiers = offer
    published = started + datetime.timedelta(days=new_after)
    new_list = [Tier(2, None, min(Decimal(new_cents) / 100, individual), published, None)]
    before = rules.group_tiers(tiers, started)
    after = rules.group_tiers(tiers + new_list, started)
    assert before == after
    joins = sorted(join_days)[:max_households]
    caps = []
    for households, _day in enumerate(joins, start=1):
        # The price a household sees and accepts when it joins (households with it in).
        caps.append(rules.household_price(after, households, individual))
    assert caps == sorted(caps, reverse=True)  # never rises as households join
    final = rules.household_price(after, len(joins), individual)
    for cap in caps:
        assert rules.member_charge(cap, final) <= cap
        assert rules.member_charge(cap, final) <= individual
