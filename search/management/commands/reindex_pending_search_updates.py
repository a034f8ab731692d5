"""Rebuild the search documents whose update task failed (idempotent; a scheduled job).

With the database task backend, an ``update_services`` task that failed (the search engine
was unreachable, say) stays in the queue's table as FAILED. This command gathers the services
of every such task, rebuilds their documents from what is committed now, and, once that
succeeded, deletes those failed rows. Running it twice, or with nothing failed, is harmless.
"""

from django.core.management.base import BaseCommand
from django_tasks import TaskResultStatus

from search.indexing import update_services


class Command(BaseCommand):
    help = "Re-index the services whose search update task failed."

    def handle(self, *args, **options):
        from django_tasks_db.models import DBTaskResult

        failed = DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED, task_path=update_services.module_path
        ).values_list("id", "args_kwargs")
        ids, keys = [], set()
        for task_id, args_kwargs in failed:
            ids.append(task_id)
            arguments = args_kwargs.get("args") or [args_kwargs.get("kwargs", {}).get(
                "translation_keys", []
            )]
            keys.update(arguments[0])
        if not ids:
            self.stdout.write("No pending search updates.")
            return
        update_services.call(sorted(keys))
        DBTaskResult.objects.filter(id__in=ids).delete()
        self.stdout.write(f"Re-indexed {len(keys)} service(s) from {len(ids)} failed update(s).")
