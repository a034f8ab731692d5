"""The periodic jobs: each is one idempotent management command run every N seconds.

A job is registered by name with the command it runs and how often::

    from scheduler.registry import register
    register("close_sharing_groups", every=300)   # the command ``close_sharing_groups``

``run_scheduled_jobs`` runs the registry in a loop; ``deploy/cron/wemi`` runs the same
commands from cron instead. Every command must be safe to run twice, or by two schedulers at
once: background work runs at least once (docs/decisions/0015-production-profile.md).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    """``command`` (a management command name) with ``args``, due every ``every`` seconds."""

    name: str
    command: str
    every: int
    args: tuple = field(default=())
    when: object = None  # a callable: the job runs only while it returns True

    def enabled(self):
        return self.when is None or bool(self.when())


_jobs: dict[str, Job] = {}


def register(name, *, every, command=None, args=(), when=None):
    """Add (or replace) the job ``name``; ``command`` defaults to the name. Returns the Job.

    Raises ValueError when ``every`` is not a positive number of seconds.
    """
    if int(every) <= 0:
        raise ValueError(f"Job {name!r}: 'every' must be a positive number of seconds.")
    job = Job(name=name, command=command or name, every=int(every), args=tuple(args), when=when)
    _jobs[name] = job
    return job


def jobs():
    """The registered jobs, by name."""
    return [_jobs[name] for name in sorted(_jobs)]
