"""Two providers' clicks at the same moment: exactly one of them wins (PostgreSQL and SQLite)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.fulfilment import statuses as s
from marketplace.fulfilment import workflow
from marketplace.fulfilment.models import LineStatusChange
from tests.threads import run_together

# On PostgreSQL the transitions' row locks decide; on SQLite each transition's transaction
# takes the database's write lock when it begins (transaction_mode IMMEDIATE), so the second
# one waits and then reads the first one's result.
pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("attempt", range(3))
def test_two_accepts_one_wins(attempt, line_a, provider_a):
    start = timezone.now() + timedelta(days=1)
    results = run_together(
        lambda: workflow.accept(line_a, provider_a.staff, start, "first"),
        lambda: workflow.accept(line_a, provider_a.staff, start, "second"),
    )

    errors = [result for result in results if isinstance(result, Exception)]
    assert len(errors) == 1, results
    assert isinstance(errors[0], workflow.InvalidTransition)
    assert LineStatusChange.objects.filter(line=line_a, new_status=s.ACCEPTED).count() == 1
    line_a.refresh_from_db()
    assert line_a.status == s.ACCEPTED
    assert line_a.order.status == s.ORDER_IN_PROGRESS


def test_accept_and_cancel_at_once(line_a, provider_a, citizen):
    start = timezone.now() + timedelta(days=1)
    results = run_together(
        lambda: workflow.accept(line_a, provider_a.staff, start),
        lambda: workflow.cancel(line_a, citizen),
    )

    errors = [result for result in results if isinstance(result, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], workflow.InvalidTransition), results
    line_a.refresh_from_db()
    assert line_a.status in {s.ACCEPTED, s.CANCELLED}
    assert LineStatusChange.objects.filter(line=line_a).count() == 1
    provider_a.offer.refresh_from_db()
    expected_allocated = 1 if line_a.status == s.ACCEPTED else 0
    assert provider_a.offer.num_allocated == expected_allocated
