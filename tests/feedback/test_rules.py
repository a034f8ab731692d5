"""Business rules of page feedback: positive/negative split, follow-ups, rate limit."""

import pytest

from content.feedback.forms import PageRatingForm, ProblemReportForm
from content.feedback.models import (
    COMMENT_MAX_LENGTH,
    NEGATIVE_ANSWERS,
    POSITIVE_ANSWERS,
    follow_up_answers_for,
    is_positive,
)
from content.feedback.ratelimit import (
    MAX_SUBMISSIONS,
    WINDOW_SECONDS,
    is_rate_limited,
    take_submission,
)


@pytest.mark.parametrize(("stars", "positive"), [(1, False), (3, False), (4, True), (5, True)])
def test_ratings_above_three_are_positive(stars, positive):
    assert is_positive(stars) is positive
    assert follow_up_answers_for(stars) == (POSITIVE_ANSWERS if positive else NEGATIVE_ANSWERS)


@pytest.mark.django_db
def test_rating_form_accepts_a_matching_follow_up():
    form = PageRatingForm({"stars": "5", "answer": "clear", "comment": "Tutto chiaro"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stars"] == 5


@pytest.mark.django_db
def test_rating_form_rejects_a_follow_up_of_the_other_kind():
    form = PageRatingForm({"stars": "2", "answer": "clear"})
    assert not form.is_valid()
    assert "answer" in form.errors


@pytest.mark.django_db
def test_rating_form_requires_stars_and_limits_the_comment():
    form = PageRatingForm({"stars": "", "comment": "x" * (COMMENT_MAX_LENGTH + 1)})
    assert not form.is_valid()
    assert set(form.errors) == {"stars", "comment"}


@pytest.mark.django_db
@pytest.mark.parametrize("stars", ["0", "6", "tre"])
def test_rating_form_rejects_stars_out_of_range(stars):
    assert not PageRatingForm({"stars": stars}).is_valid()


def test_rating_form_splits_answers_for_the_template():
    form = PageRatingForm()
    assert [o.data["value"] for o in form.positive_answers()] == [c for c, _ in POSITIVE_ANSWERS]
    assert [o.data["value"] for o in form.negative_answers()] == [c for c, _ in NEGATIVE_ANSWERS]


@pytest.mark.django_db
def test_report_form_requires_kind_and_description_and_checks_email():
    form = ProblemReportForm({"kind": "", "description": "", "email": "not-an-email"})
    assert not form.is_valid()
    assert set(form.errors) == {"kind", "description", "email"}
    assert ProblemReportForm({"kind": "phone", "description": "Il numero non risponde"}).is_valid()


@pytest.mark.django_db
def test_rate_limit_counts_submissions_in_the_window(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache

    cache.clear()
    request = rf.post("/it/valuta/1/")
    request.session, request.user = SessionStore(), AnonymousUser()
    for _ in range(MAX_SUBMISSIONS - 1):
        assert take_submission(request, now=7200.0)
    assert not is_rate_limited(request, now=7200.0)
    assert take_submission(request, now=7200.0)
    assert is_rate_limited(request, now=7200.0)
    assert not take_submission(request, now=7200.0)
    assert not is_rate_limited(request, now=7200.0 + WINDOW_SECONDS + 1)
