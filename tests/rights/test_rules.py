import datetime

from hypothesis import given
from hypothesis import strategies as st

from marketplace.fulfilment import statuses
from marketplace.rights import rules


def test_retention_is_ten_years_from_the_civil_code():
    assert rules.ORDER_RETENTION_YEARS == 10
    assert rules.retention_cutoff(datetime.date(2036, 12, 1)) == datetime.date(2026, 12, 1)


def test_29_february_falls_back_on_28():
    assert rules.retention_cutoff(datetime.date(2028, 2, 29), 1) == datetime.date(2027, 2, 28)
    assert rules.retention_cutoff(datetime.date(2028, 2, 29), 4) == datetime.date(2024, 2, 29)


def test_a_negative_period_is_refused():
    import pytest

    with pytest.raises(ValueError):
        rules.retention_cutoff(datetime.date(2026, 1, 1), -1)


@given(
    today=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2200, 12, 31)),
    years=st.integers(min_value=0, max_value=40),
)
def test_cutoff_is_the_same_day_that_many_years_before(today, years):
    cutoff = rules.retention_cutoff(today, years)
    assert cutoff.year == today.year - years
    assert cutoff.month == today.month
    assert cutoff.day == today.day or (today.month, today.day, cutoff.day) == (2, 29, 28)
    assert not rules.is_past_retention(cutoff, today, years)
    assert rules.is_past_retention(cutoff - datetime.timedelta(days=1), today, years)


def test_erased_email_is_unique_and_undeliverable():
    assert rules.erased_email(7) != rules.erased_email(8)
    assert rules.is_erased_email(rules.erased_email(7))
    assert not rules.is_erased_email("maria@example.org")
    assert rules.erased_email(7).endswith(".invalid")


line_status = st.sampled_from(list(statuses.LINE_STATUS_PIPELINE))


@given(st.lists(st.tuples(st.integers(), line_status), unique_by=lambda t: t[0]))
def test_deletion_plan_cancels_pending_and_stops_on_accepted(lines):
    cancel, blocking = rules.deletion_plan(lines)
    by_id = dict(lines)
    assert not set(cancel) & set(blocking)
    assert all(by_id[i] == statuses.PENDING for i in cancel)
    assert all(by_id[i] == statuses.ACCEPTED for i in blocking)
    assert len(cancel) == sum(s == statuses.PENDING for s in by_id.values())
    assert len(blocking) == sum(s == statuses.ACCEPTED for s in by_id.values())


def test_every_cancelled_line_may_be_cancelled_by_the_workflow():
    for status in rules.CANCELLABLE_LINE_STATUSES:
        assert statuses.CANCELLED in statuses.LINE_STATUS_PIPELINE[status]
    for status in rules.BLOCKING_LINE_STATUSES:
        assert statuses.CANCELLED not in statuses.LINE_STATUS_PIPELINE[status]
