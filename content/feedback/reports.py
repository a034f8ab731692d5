"""Aggregates of page ratings for the admin."""

from django.db.models import Avg, Count, Q

from .models import NEGATIVE_ANSWERS, POSITIVE_ANSWERS, POSITIVE_THRESHOLD


def rating_summary_per_page(ratings):
    """One row per rated page: number of ratings, average stars, positive and negative counts."""
    return (
        ratings.values("page_id", "page__title", "page__locale__language_code")
        .annotate(
            total=Count("id"),
            average=Avg("stars"),
            positive=Count("id", filter=Q(stars__gt=POSITIVE_THRESHOLD)),
            negative=Count("id", filter=Q(stars__lte=POSITIVE_THRESHOLD)),
        )
        .order_by("average", "-total")
    )


def answer_counts(ratings):
    """How often each follow-up answer was chosen, positive answers first."""
    counts = dict(
        ratings.exclude(answer="").values_list("answer").annotate(count=Count("id"))
    )
    return [
        {"code": code, "label": label, "count": counts.get(code, 0), "positive": positive}
        for answers, positive in ((POSITIVE_ANSWERS, True), (NEGATIVE_ANSWERS, False))
        for code, label in answers
    ]


def star_distribution(ratings):
    counts = dict(ratings.values_list("stars").annotate(count=Count("id")))
    return [{"stars": stars, "count": counts.get(stars, 0)} for stars in range(1, 6)]
