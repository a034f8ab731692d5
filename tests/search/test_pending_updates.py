"""No lost search updates: refused updates stay pending and are retried with back-off by the
scheduled job; a publish never waits for the cluster; a rebuild re-applies what changed
while it ran."""

import uuid
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from content import factories
from scheduler.registry import jobs
from search import indexing
from search.engines import SearchUnavailable
from search.engines.database import DatabaseEngine
from search.indexing import (
    apply_updates,
    drain_pending_updates,
    rebuild_index,
    request_updates,
    retry_delay,
)
from search.models import PendingSearchUpdate, SearchDocument, current_price_bands
from search.query import SearchQuery

from .fixtures import build_taxonomy

pytestmark = pytest.mark.django_db


class FlakyEngine(DatabaseEngine):
    """The database engine, refusing updates while ``down`` (a cluster answering 429)."""

    def __init__(self, name="database"):
        self.name = name
        self.down = False
        self.replaced = []
        self.during_replace = None

    def replace(self, translation_keys, documents):
        self.replaced.append(sorted(translation_keys))
        if self.down:
            raise SearchUnavailable("429 Too Many Requests")
        if self.during_replace:
            self.during_replace()
        super().replace(translation_keys, documents)


@pytest.fixture
def engine(monkeypatch):
    engine = FlakyEngine()
    monkeypatch.setattr(indexing, "get_engine", lambda name=None: engine)
    return engine


@pytest.fixture
def taxonomy(home_page):
    return build_taxonomy()


def titles():
    query = SearchQuery(language="it", per_page=50)
    return sorted(hit.title for hit in DatabaseEngine().search(query, current_price_bands()).hits)


def pending():
    return list(PendingSearchUpdate.objects.filter(applied=False))


def test_retry_delay_doubles_up_to_an_hour():
    assert [retry_delay(n) for n in range(1, 10)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]


def test_a_refused_update_is_retried_with_back_off_until_it_succeeds(
    engine, taxonomy, django_capture_on_commit_callbacks
):
    provider = factories.make_provider()
    engine.down = True
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        service = factories.make_service(provider, "Badante a ore", needs=[taxonomy["care"]])
    assert titles() == []  # not indexed, and the publish did not fail
    # Only this service's request (keys left over by rolled-back transactions aside).
    PendingSearchUpdate.objects.exclude(translation_key=service.translation_key).delete()
    (request,) = pending()
    assert request.attempts == 1 and "429" in request.last_error
    delay = (request.next_attempt_at - start).total_seconds()
    assert 30 <= delay < 35

    assert drain_pending_updates(now=start + timedelta(seconds=10)) == (0, 1)  # not due yet
    assert len(engine.replaced) == 1
    assert drain_pending_updates(now=start + timedelta(seconds=40)) == (0, 1)  # still down
    (request,) = pending()
    assert request.attempts == 2
    assert 59 <= (request.next_attempt_at - timezone.now()).total_seconds() <= 61

    engine.down = False
    out = StringIO()
    PendingSearchUpdate.objects.update(next_attempt_at=timezone.now())  # due for the job
    call_command("reindex_pending_search_updates", stdout=out)
    assert "Re-indexed 1 service(s); 0 still pending." in out.getvalue()
    assert titles() == ["Badante a ore"]
    assert pending() == []
    assert drain_pending_updates() == (0, 0)


def test_a_down_cluster_stops_the_drain_at_the_first_refused_batch(engine, taxonomy):
    provider = factories.make_provider()
    services = [
        factories.make_service(provider, f"Servizio {n}", needs=[taxonomy["care"]])
        for n in range(3)
    ]
    request_updates(service.translation_key for service in services)
    engine.down = True
    assert drain_pending_updates(batch=1) == (0, 3)
    assert len(engine.replaced) == 1  # not hammered three times
    engine.down = False
    PendingSearchUpdate.objects.update(next_attempt_at=timezone.now())
    assert drain_pending_updates(batch=1) == (3, 0)


@override_settings(SEARCH_ENGINE="elasticsearch")
def test_a_publish_never_waits_for_the_cluster(
    monkeypatch, taxonomy, django_capture_on_commit_callbacks
):
    """Elasticsearch without a task worker (immediate backend): the publishing request only
    records the update; the scheduled job sends it."""
    cluster = FlakyEngine(name="elasticsearch")
    cluster.replace = lambda keys, documents: pytest.fail("the publish talked to the cluster")
    monkeypatch.setattr(indexing, "get_engine", lambda name=None: cluster)
    provider = factories.make_provider()
    with django_capture_on_commit_callbacks(execute=True):
        service = factories.make_service(provider, "Pasti caldi", needs=[taxonomy["meals"]])
    key = str(service.translation_key)
    assert key in {request.translation_key for request in pending()}

    applied = []
    cluster.replace = lambda keys, documents: applied.extend(
        (document.translation_key, document.title) for document in documents
    )
    call_command("reindex_pending_search_updates", stdout=StringIO())
    assert applied == [(key, "Pasti caldi")]
    assert pending() == []


def test_a_request_made_while_an_update_runs_stays_pending(engine, taxonomy):
    provider = factories.make_provider()
    service = factories.make_service(provider, "Spesa a domicilio", needs=[taxonomy["meals"]])
    request_updates([service.translation_key])
    engine.during_replace = lambda: request_updates([service.translation_key])
    assert apply_updates([service.translation_key])
    (newer,) = pending()  # its change may be missing from the documents just indexed
    assert PendingSearchUpdate.objects.filter(applied=True).count() == 1
    engine.during_replace = None
    PendingSearchUpdate.objects.update(next_attempt_at=timezone.now())
    assert drain_pending_updates() == (1, 0)


def test_changes_made_during_a_rebuild_are_indexed_after_the_swap(engine, taxonomy):
    """The rebuild indexes documents built before a service was unpublished; the update of
    the unpublishing went to the old index meanwhile. After the swap it is applied again."""
    provider = factories.make_provider()
    kept = factories.make_service(provider, "Trasporto disabili", needs=[taxonomy["care"]])
    gone = factories.make_service(provider, "Lavanderia", needs=[taxonomy["care"]])
    real_rebuild = engine.rebuild

    def rebuild_while_someone_unpublishes(documents):
        gone.unpublish()  # a change committed while the rebuild runs...
        apply_updates(request_updates([gone.translation_key]))  # ...sent to the old index
        real_rebuild(documents)  # the new index is filled with the documents read before

    engine.rebuild = rebuild_while_someone_unpublishes
    assert rebuild_index() == 2
    assert titles() == [kept.title]
    assert not SearchDocument.objects.filter(page_id=gone.pk).exists()


def test_applied_requests_are_pruned_after_a_day(engine):
    old, waiting = str(uuid.uuid4()), str(uuid.uuid4())
    request_updates([old, waiting])
    PendingSearchUpdate.objects.filter(translation_key=old).update(applied=True)
    later = timezone.now() + timedelta(days=1, minutes=1)
    PendingSearchUpdate.objects.update(next_attempt_at=later)
    engine.down = True
    drain_pending_updates(now=later)
    assert list(PendingSearchUpdate.objects.values_list("translation_key", flat=True)) == [waiting]


def test_the_drain_is_a_scheduled_job_every_minute():
    (job,) = [job for job in jobs() if job.name == "reindex_pending_search_updates"]
    assert job.every == 60 and job.enabled()


def test_failed_update_tasks_of_before_become_pending_updates(engine, taxonomy, monkeypatch):
    """Update tasks that failed before pending updates existed (database task backend)."""
    import django_tasks
    from django_tasks import TaskResultStatus
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    from search.management.commands import reindex_pending_search_updates as command

    assert command.adopt_failed_tasks() == 0  # immediate backend: no task table to read
    service = factories.make_service(
        factories.make_provider(), "Badante notturna", needs=[taxonomy["care"]]
    )
    key = str(service.translation_key)
    backend = DatabaseBackend("default", {})
    monkeypatch.setattr(django_tasks, "task_backends", {"default": backend})
    backend.enqueue(indexing.update_services, [[key]], {})
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED)  # the cluster was down
    assert command.adopt_failed_tasks() == 1
    assert not DBTaskResult.objects.exists()
    assert [request.translation_key for request in pending()] == [key]
    assert drain_pending_updates() == (1, 0)
    assert titles() == ["Badante notturna"]
