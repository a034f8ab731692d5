"""Run the periodic jobs (``scheduler.registry``) on their intervals, in one process.

    manage.py run_scheduled_jobs            # loop for ever (the production scheduler)
    manage.py run_scheduled_jobs --once     # run every job once and exit (cron, CI)
    manage.py run_scheduled_jobs --list

Run one scheduler per deployment. Each job takes a lock in the shared cache for its interval
(``cache.add``), so a second scheduler by mistake does not run a job twice in one interval;
the jobs are idempotent anyway. A failing job is logged and retried at its next turn.
"""

import logging
import signal
import time

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand

from scheduler.registry import jobs

logger = logging.getLogger("scheduler")


class Command(BaseCommand):
    help = "Run the periodic jobs (deadline sweeps, search retries, session cleanup) on schedule."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then exit.")
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")
        parser.add_argument(
            "--tick", type=float, default=5.0, help="Seconds between looks at the clock."
        )

    def handle(self, *args, once=False, list=False, tick=5.0, **options):
        if list:
            for job in jobs():
                state = "" if job.enabled() else "  (off with these settings)"
                self.stdout.write(
                    f"{job.name:<34} every {job.every:>6} s: {job.command} {' '.join(job.args)}"
                    f"{state}"
                )
            return
        if once:
            failures = sum(not self.run(job) for job in jobs() if job.enabled())
            if failures:
                self.stderr.write(f"{failures} job(s) failed.")
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.stdout.write(f"Scheduler started: {len(jobs())} jobs.")
        next_run = {}
        while not self.stopping:
            now = time.monotonic()
            for job in jobs():
                if self.stopping or next_run.get(job.name, 0) > now:
                    continue
                next_run[job.name] = now + job.every
                # One run per interval across schedulers sharing the cache.
                if job.enabled() and cache.add(f"scheduler:{job.name}", 1, job.every - 1):
                    self.run(job)
            time.sleep(tick)
        self.stdout.write("Scheduler stopped.")

    def stop(self, signum, frame):
        self.stopping = True

    def run(self, job):
        started = time.monotonic()
        try:
            call_command(job.command, *job.args, stdout=self.stdout, stderr=self.stderr)
        except Exception:  # a failing job must not stop the others
            logger.exception("Scheduled job %s failed", job.name)
            return False
        logger.info("Scheduled job %s done in %.1f s", job.name, time.monotonic() - started)
        return True
