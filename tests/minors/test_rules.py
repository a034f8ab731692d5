"""The 0-18 catalogue's rules: the ages a service is for, and what is in the catalogue."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from content.services.minors import (
    MAX_AGE,
    MINORS_MAX_AGE,
    ActivityKind,
    age_matches,
    age_range_errors,
    in_catalogue_0_18,
    validate_age_range,
)


def page(age_from=None, age_to=None, activity_kind="", is_active=True):
    """A stand-in for a service page (the functions read only its facts)."""
    return SimpleNamespace(
        age_from=age_from, age_to=age_to, activity_kind=activity_kind, is_active=is_active
    )


ages = st.one_of(st.none(), st.integers(min_value=0, max_value=MAX_AGE))
kinds = st.sampled_from(["", *ActivityKind.values])


# age_matches ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age_from", "age_to", "age", "expected"),
    [
        (6, 10, 5, False),
        (6, 10, 6, True),  # both bounds included
        (6, 10, 10, True),
        (6, 10, 11, False),
        (None, 3, 0, True),  # from birth
        (None, 3, 4, False),
        (65, None, 90, True),  # no upper limit
        (65, None, 64, False),
        (None, None, 40, True),  # no ages stated: for everyone
        (0, 0, 0, True),
    ],
)
def test_age_matches_both_bounds_included_empty_bound_open(age_from, age_to, age, expected):
    assert age_matches(page(age_from, age_to), age) is expected


def test_a_negative_age_matches_nothing():
    assert age_matches(page(), -1) is False


@given(age_from=ages, age_to=ages, age=st.integers(min_value=0, max_value=MAX_AGE))
def test_age_matches_is_the_interval(age_from, age_to, age):
    low = 0 if age_from is None else age_from
    high = MAX_AGE if age_to is None else age_to
    assert age_matches(page(age_from, age_to), age) is (low <= age <= high)


def test_age_matches_reads_the_facts_source():
    source = page(6, 10)
    translation = SimpleNamespace(facts_source=source, age_from=None, age_to=None)
    assert age_matches(translation, 12) is False
    assert age_matches(translation, 8) is True


# in_catalogue_0_18 ---------------------------------------------------------------------


def test_an_active_activity_for_minors_is_in_the_catalogue():
    assert in_catalogue_0_18(page(6, 14, ActivityKind.SPORT)) is True


def test_a_service_without_an_activity_kind_is_not_in_the_catalogue():
    assert in_catalogue_0_18(page(6, 14)) is False


def test_an_inactive_activity_is_not_in_the_catalogue():
    assert in_catalogue_0_18(page(6, 14, ActivityKind.CULTURE, is_active=False)) is False


def test_an_activity_starting_at_18_has_no_minor_and_is_not_in_the_catalogue():
    assert in_catalogue_0_18(page(18, 18, ActivityKind.STUDY_SUPPORT)) is False
    assert in_catalogue_0_18(page(17, 18, ActivityKind.STUDY_SUPPORT)) is True


def test_in_catalogue_reads_the_facts_source():
    source = page(0, 5, ActivityKind.RECREATION)
    translation = SimpleNamespace(facts_source=source, activity_kind="", is_active=False)
    assert in_catalogue_0_18(translation) is True


@given(age_from=ages, age_to=ages, kind=kinds, active=st.booleans())
def test_every_valid_catalogue_activity_matches_some_minor(age_from, age_to, kind, active):
    if age_range_errors(age_from, age_to, kind):
        return
    service = page(age_from, age_to, kind, active)
    if in_catalogue_0_18(service):
        assert any(age_matches(service, age) for age in range(MINORS_MAX_AGE))
        assert not age_matches(service, MINORS_MAX_AGE + 1)


# validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age_from", "age_to", "kind", "fields"),
    [
        (None, None, "", set()),
        (65, None, "", set()),  # an adult service: "65 and over"
        (0, 18, ActivityKind.SPORT, set()),
        (10, 6, "", {"age_to"}),
        (0, MAX_AGE + 1, "", {"age_to"}),
        (None, 10, ActivityKind.SPORT, {"age_from"}),
        (6, None, ActivityKind.SPORT, {"age_to"}),
        (14, 25, ActivityKind.CULTURE, {"age_to"}),
        (-1, 5, "", {"age_from"}),
    ],
)
def test_age_range_errors(age_from, age_to, kind, fields):
    assert set(age_range_errors(age_from, age_to, kind)) == fields


@given(age_from=ages, age_to=ages, kind=kinds)
def test_a_valid_range_is_ordered_and_a_catalogue_one_is_within_0_18(age_from, age_to, kind):
    errors = age_range_errors(age_from, age_to, kind)
    ordered = age_from is None or age_to is None or age_from <= age_to
    minors = not kind or (age_from is not None and age_to is not None and age_to <= 18)
    assert (not errors) is (ordered and minors)


def test_validate_age_range_raises_a_message_per_field():
    with pytest.raises(ValidationError) as raised:
        validate_age_range(None, 30, ActivityKind.SOCIAL)
    assert set(raised.value.message_dict) == {"age_from", "age_to"}


# the database -----------------------------------------------------------------------------


@pytest.fixture
def minors_service(provider, taxonomy):
    from content import factories

    return factories.make_service(
        provider, "Corso di nuoto per bambini", needs=taxonomy["needs"][:1],
        audiences=taxonomy["audiences"][:1], age_from=6, age_to=10,
        activity_kind=ActivityKind.SPORT,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"age_from": 12, "age_to": 6},
        {"age_to": MAX_AGE + 1},
        {"age_from": 6, "age_to": 25},  # an activity for minors
        {"age_from": None},
    ],
)
def test_the_database_refuses_ages_the_rules_refuse(minors_service, values):
    from content.services.models import ServicePage

    with pytest.raises(IntegrityError), transaction.atomic():
        ServicePage.objects.filter(pk=minors_service.pk).update(**values)


@pytest.mark.django_db
def test_the_page_form_validation_names_the_field(minors_service):
    minors_service.age_to = 30
    with pytest.raises(ValidationError) as raised:
        minors_service.full_clean()
    assert "age_to" in raised.value.message_dict


@pytest.mark.django_db
def test_the_rules_hold_on_a_saved_page_and_its_api_facts(minors_service):
    assert in_catalogue_0_18(minors_service)
    assert age_matches(minors_service, 7) and not age_matches(minors_service, 11)
    facts = minors_service.facts
    assert (facts["age_from"], facts["age_to"], facts["activity_kind"]) == (6, 10, "sport")
