"""Keeping the search index in step with pages and offers, after the data is committed.

Changes schedule ``update_services`` for the affected services' translation keys inside
``transaction.on_commit``: the task (Django's tasks framework; immediate in the demo, a worker
in production) rebuilds those services' documents from what is committed, in every locale.
"""

import logging
import threading

from django.db import transaction
from django_tasks import task

from .documents import build_documents
from .engines import SearchUnavailable, get_engine

logger = logging.getLogger(__name__)


@task()
def update_services(translation_keys):
    """Re-index every locale's document of these services (removing those no longer live)."""
    try:
        get_engine().replace(translation_keys, build_documents(translation_keys))
    except SearchUnavailable:
        logger.exception("Search index not updated for %s", translation_keys)
        raise


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


def _flush_pending():
    keys = sorted(_pending.__dict__.pop("keys", set()))
    if keys:
        update_services.enqueue(keys)


def rebuild_index(engine=None):
    """Rebuild the whole index from the live pages. Returns the number of documents."""
    documents = build_documents()
    (engine or get_engine()).rebuild(documents)
    return len(documents)
