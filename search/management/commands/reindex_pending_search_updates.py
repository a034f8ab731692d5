"""Apply the search updates that are due (idempotent; a scheduled job).

A change to a service is recorded as a pending update (``search.PendingSearchUpdate``) after
commit; the indexing task applies it, or leaves it pending with a growing delay when the
search engine cannot be reached. This command applies every pending update that is due, in
batches, stopping at the first batch the engine refuses (``search.indexing.drain_pending_updates``).
Update tasks that failed before pending updates existed are turned into pending updates first.
Running it twice, or with nothing pending, is harmless.
"""

from django.core.management.base import BaseCommand

from search.indexing import drain_pending_updates, request_updates, update_services


def adopt_failed_tasks():
    """Turn failed ``update_services`` task results (database task backend) into pending
    updates, and delete them. Returns how many there were."""
    from django_tasks import TaskResultStatus, task_backends
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends["default"], DatabaseBackend):
        return 0
    from django_tasks_db.models import DBTaskResult

    failed = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, task_path=update_services.module_path
    ).values_list("id", "args_kwargs")
    ids, keys = [], set()
    for task_id, args_kwargs in failed:
        ids.append(task_id)
        arguments = args_kwargs.get("args") or [
            args_kwargs.get("kwargs", {}).get("translation_keys", [])
        ]
        keys.update(arguments[0])
    if ids:
        request_updates(keys)
        DBTaskResult.objects.filter(id__in=ids).delete()
    return len(ids)


class Command(BaseCommand):
    help = "Re-index the services whose search update is pending and due."

    def handle(self, *args, **options):
        adopt_failed_tasks()
        done, pending = drain_pending_updates()
        if not done and not pending:
            self.stdout.write("No pending search updates.")
            return
        self.stdout.write(f"Re-indexed {done} service(s); {pending} still pending.")
