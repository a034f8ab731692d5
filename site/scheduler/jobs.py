"""WeMi's periodic jobs. Deadline sweeps (sharing groups, vouchers, quotes, reminders)
register here, or from their own app's ``ready()``, with ``scheduler.registry.register``."""

from .registry import register


def uses_database_tasks():
    """True when the default task backend is django-tasks-db's (production)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


# Search updates the engine refused (e.g. the cluster was down) are retried once due, with
# a growing delay (search.indexing.drain_pending_updates); with Elasticsearch and no task
# worker, this job is what applies every update.
register("reindex_pending_search_updates", every=60)
# Django's own: expired database sessions.
register("clearsessions", every=3600)
# Finished background tasks are kept a week (failed ones a month), then deleted.
register(
    "prune_db_task_results",
    every=86400,
    args=("--min-age-days", "7", "--failed-min-age-days", "30"),
    when=uses_database_tasks,
)
