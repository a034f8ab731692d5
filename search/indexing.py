"""Keeping the search index in step with pages and offers, after the data is committed.

Changes are recorded, once the transaction commits, as ``PendingSearchUpdate`` rows for the
affected services' translation keys (``request_updates``: one insert, the request never
talks to the search engine), then ``update_services`` is enqueued (Django's tasks framework:
a worker in production). The task rebuilds those services' documents from what is committed,
in every locale, and marks the requests it covered as applied. If the engine cannot be
reached (cluster down, 429, timeout) the requests stay pending with a growing delay
(``retry_delay``), and the scheduled job ``reindex_pending_search_updates`` applies them once
due (``drain_pending_updates``): no update is lost, and a page publish never waits for the
cluster. With Elasticsearch and the immediate task backend (no worker) only the scheduled job
applies them. A rebuild re-applies what was requested while it ran (``rebuild_index``).
"""

import logging
import threading
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_tasks import task

from .documents import build_documents
from .engines import SearchUnavailable, get_engine
from .models import PendingSearchUpdate

logger = logging.getLogger(__name__)

RETRY_FIRST_DELAY = 30  # seconds before the first retry of a failed update
RETRY_MAX_DELAY = 3600  # the delay doubles per failure up to this
APPLIED_KEPT_FOR = timedelta(days=1)  # applied requests a rebuild may still need
DRAIN_BATCH = 200  # services per engine update when draining


def retry_delay(attempts):
    """Seconds to wait before trying again an update that failed ``attempts`` times (>= 1).

    30 s, 60 s, 120 s, ... doubling, at most an hour: a cluster down for a day is retried
    every hour, one back in a minute is caught up within a minute or two.
    """
    return min(RETRY_FIRST_DELAY * 2 ** (max(attempts, 1) - 1), RETRY_MAX_DELAY)


def request_updates(translation_keys):
    """Record that these services must be re-indexed. Returns the keys (strings, sorted)."""
    keys = sorted({str(key) for key in translation_keys if key})
    now = timezone.now()
    PendingSearchUpdate.objects.bulk_create(
        [
            PendingSearchUpdate(translation_key=key, requested_at=now, next_attempt_at=now)
            for key in keys
        ]
    )
    return keys


def apply_updates(translation_keys, engine=None):
    """Re-index these services now; mark their pending requests applied. True on success.

    Only the requests seen before the documents are built are marked (a request committed
    meanwhile stays pending: its change may be missing from the documents). On
    ``SearchUnavailable`` they stay pending, each with one more attempt and its next attempt
    ``retry_delay`` later; the error is logged, not raised.
    """
    keys = sorted({str(key) for key in translation_keys if key})
    if not keys:
        return True
    seen = list(
        PendingSearchUpdate.objects.filter(translation_key__in=keys, applied=False).values_list(
            "id", "attempts"
        )
    )
    try:
        (engine or get_engine()).replace(keys, build_documents(keys))
    except SearchUnavailable as error:
        logger.warning(
            "Search index not updated for %d service(s), will retry: %s", len(keys), error
        )
        now = timezone.now()
        by_attempts = {}
        for request_id, attempts in seen:
            by_attempts.setdefault(attempts + 1, []).append(request_id)
        for attempts, ids in by_attempts.items():
            PendingSearchUpdate.objects.filter(id__in=ids).update(
                attempts=attempts,
                next_attempt_at=now + timedelta(seconds=retry_delay(attempts)),
                last_error=str(error)[:2000],
            )
        return False
    PendingSearchUpdate.objects.filter(id__in=[request_id for request_id, _a in seen]).update(
        applied=True, last_error=""
    )
    return True


@task()
def update_services(translation_keys):
    """Re-index every locale's document of these services (removing those no longer live).

    A failure to reach the engine is not an error of the task: the requests stay pending and
    the scheduled job retries them (``apply_updates``).
    """
    apply_updates(translation_keys)


def drain_pending_updates(batch=DRAIN_BATCH, now=None):
    """Apply the pending requests that are due, ``batch`` services at a time.

    Stops at the first batch the engine refuses (it is down: the rest waits for the next
    run). Also deletes applied requests older than ``APPLIED_KEPT_FOR``. Safe to run twice
    or concurrently (re-indexing a service twice gives the same documents).
    Returns ``(services re-indexed, services still pending)``.
    """
    now = now or timezone.now()
    PendingSearchUpdate.objects.filter(
        applied=True, requested_at__lt=now - APPLIED_KEPT_FOR
    ).delete()
    due = sorted(
        set(
            PendingSearchUpdate.objects.filter(applied=False, next_attempt_at__lte=now).values_list(
                "translation_key", flat=True
            )
        )
    )
    done = 0
    for start in range(0, len(due), batch):
        keys = due[start : start + batch]
        if not apply_updates(keys):
            break
        done += len(keys)
    pending = (
        PendingSearchUpdate.objects.filter(applied=False)
        .values("translation_key")
        .distinct()
        .count()
    )
    return done, pending


_pending = threading.local()


def schedule_update(translation_keys):
    """Update these services' documents once the current transaction commits.

    Keys gathered during one transaction go out as one task: every callback flushes all the
    keys pending so far, so later callbacks of the same commit find nothing left to do.
    """
    keys = {str(key) for key in translation_keys if key}
    if not keys:
        return
    pending = _pending.__dict__.setdefault("keys", set())
    pending.update(keys)
    transaction.on_commit(_flush_pending)


def _runs_inline():
    """True when an enqueued task runs in the request itself (the immediate backend)."""
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(task_backends["default"], ImmediateBackend)


def _flush_pending():
    keys = sorted(_pending.__dict__.pop("keys", set()))
    if not keys:
        return
    request_updates(keys)
    if get_engine().name != "database" and _runs_inline():
        return  # no worker: the scheduled job talks to the cluster, not the publishing request
    update_services.enqueue(keys)


def rebuild_index(engine=None):
    """Rebuild the whole index from the live pages. Returns the number of documents.

    Services changed while the rebuild ran may have been written to the old index only (an
    Elasticsearch rebuild fills a new one): every request made after the rebuild started is
    applied again once the new index is in place.
    """
    engine = engine or get_engine()
    last_before = PendingSearchUpdate.objects.aggregate(last=Max("id"))["last"] or 0
    documents = build_documents()
    engine.rebuild(documents)
    changed = set(
        PendingSearchUpdate.objects.filter(id__gt=last_before).values_list(
            "translation_key", flat=True
        )
    )
    if changed:
        apply_updates(changed, engine)
    return len(documents)
