"""The delegation rules (plain functions)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from marketplace.privacy import rules
from marketplace.privacy.rules import DelegationFacts

NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def facts(**fields):
    values = {
        "operator_id": 1,
        "citizen_id": 2,
        "purposes": (rules.PURCHASE,),
        "starts_at": NOW - DAY,
        "ends_at": NOW + DAY,
        "revoked_at": None,
    }
    values.update(fields)
    return DelegationFacts(**values)


def test_active_within_the_period_for_its_purposes():
    assert rules.is_active(facts(), rules.PURCHASE, NOW)
    assert not rules.is_active(facts(), rules.ORDERS, NOW)


def test_not_active_before_the_start_nor_from_the_end():
    assert not rules.is_active(
        facts(starts_at=NOW + DAY, ends_at=NOW + 2 * DAY), rules.PURCHASE, NOW
    )
    assert not rules.is_active(facts(ends_at=NOW), rules.PURCHASE, NOW)  # the end is excluded
    assert rules.is_active(facts(starts_at=NOW), rules.PURCHASE, NOW)  # the start is included


def test_revoked_is_not_active_from_the_revocation():
    assert not rules.is_active(facts(revoked_at=NOW - DAY), rules.PURCHASE, NOW)
    assert not rules.is_active(facts(revoked_at=NOW), rules.PURCHASE, NOW)
    assert rules.is_active(facts(revoked_at=NOW + DAY), rules.PURCHASE, NOW)


def test_pick_active_needs_the_same_operator_and_citizen():
    delegation = facts()
    assert rules.pick_active([delegation], 1, 2, rules.PURCHASE, NOW) is delegation
    assert rules.pick_active([delegation], 3, 2, rules.PURCHASE, NOW) is None
    assert rules.pick_active([delegation], 1, 3, rules.PURCHASE, NOW) is None
    assert rules.pick_active([facts(citizen_id=1)], 1, 1, rules.PURCHASE, NOW) is None


def test_pick_active_prefers_the_one_ending_last():
    short, long = facts(ends_at=NOW + DAY), facts(ends_at=NOW + 10 * DAY)
    assert rules.pick_active([short, long], 1, 2, rules.PURCHASE, NOW) is long


def test_period_problems():
    assert rules.period_problems(NOW, NOW + DAY, NOW) == {}
    assert "ends_on" in rules.period_problems(NOW, NOW, NOW)
    assert "ends_on" in rules.period_problems(NOW - 3 * DAY, NOW - DAY, NOW)
    assert "ends_on" in rules.period_problems(NOW, NOW + 366 * DAY, NOW)
    assert rules.period_problems(NOW, NOW + 365 * DAY, NOW) == {}


def test_purposes_problems():
    assert rules.purposes_problems([rules.PURCHASE]) == ""
    assert rules.purposes_problems([])
    assert rules.purposes_problems(["everything"])


offsets = st.integers(min_value=-1000, max_value=1000).map(
    lambda hours: datetime.timedelta(hours=hours)
)


@given(
    start=offsets,
    length=st.integers(1, 2000),
    revoked=st.none() | offsets,
    probe=offsets,
    purposes=st.sets(st.sampled_from(rules.PURPOSES)),
    purpose=st.sampled_from(rules.PURPOSES),
)
def test_active_means_inside_the_period_not_revoked_and_purpose_granted(
    start, length, revoked, probe, purposes, purpose
):
    delegation = facts(
        starts_at=NOW + start,
        ends_at=NOW + start + datetime.timedelta(hours=length),
        revoked_at=None if revoked is None else NOW + revoked,
        purposes=tuple(purposes),
    )
    at = NOW + probe
    active = rules.is_active(delegation, purpose, at)
    if active:
        assert delegation.starts_at <= at < delegation.ends_at
        assert purpose in purposes
        assert delegation.revoked_at is None or delegation.revoked_at > at
    else:
        assert (
            not (delegation.starts_at <= at < delegation.ends_at)
            or purpose not in purposes
            or (delegation.revoked_at is not None and delegation.revoked_at <= at)
        )
    # Whatever is picked is active, and nothing is picked when none is.
    picked = rules.pick_active([delegation], 1, 2, purpose, at)
    assert (picked is delegation) == active
