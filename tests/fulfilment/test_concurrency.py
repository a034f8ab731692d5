"""Two providers' clicks at the same moment: the row locks let exactly one of them win."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from marketplace.fulfilment import statuses as s
from marketplace.fulfilment import workflow
from marketplace.fulfilment.models import LineStatusChange

# Skipped before any database set-up: a transactional test flushes the tables even when skipped
# from a fixture, and the reused SQLite test database would lose its migration data.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks (select_for_update) need PostgreSQL: set DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_together(*actions):
    """Run the actions in parallel threads (own connections); return results or exceptions."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # collected and checked by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


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
