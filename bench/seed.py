"""Demo seed benchmark (issue 17): how long ``make demo``'s seed takes, step by step, beside
``migrate`` on the same fresh database in the same run (the baseline: the machine's speed).

    python bench/seed.py [--keep PATH] [--profile STEP]

Runs on a fresh SQLite file in a temporary directory (media too), with the demo's settings
(``config.settings.dev``), in one process: ``migrate``, then every step of ``seed_milano`` in
its order, as ``seed_milano`` runs them (quiet, mail in memory). Prints per step the wall time,
the CPU time of this process (user + sys) and the load average when the step ended; the CPU
time is the figure to compare between runs on a busy machine, the wall time is what a
newcomer waits. ``--keep PATH`` copies the seeded database there; ``--profile STEP`` writes a
cProfile of that step to ``/tmp/seed-STEP.prof``.
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="copy the seeded SQLite database to this path")
    parser.add_argument(
        "--profile", help="cProfile this step (or 'all': each step) into /tmp/seed-STEP.prof"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wemi-seed-bench-"))
    database = workdir / "db.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.core.management import call_command

    from content.core.management.commands.seed_milano import STEPS, run_step
    from content.core.seeding import bulk_seeding

    rows = []

    def measure(label, action):
        wall, cpu = time.monotonic(), cpu_seconds()
        action()
        row = (label, time.monotonic() - wall, cpu_seconds() - cpu, os.getloadavg()[0])
        rows.append(row)
        print(f"  {row[0]:<22} {row[1]:8.1f} s wall {row[2]:8.1f} s CPU   load {row[3]:.1f}",
              flush=True)

    print(f"Seed benchmark on {database} (load {os.getloadavg()[0]:.1f} at start)", flush=True)
    measure("migrate (baseline)", lambda: call_command("migrate", verbosity=0, interactive=False))
    for command, _what, guarded in STEPS:
        def step(command=command, guarded=guarded):
            if args.profile in (command, "all"):
                import cProfile

                profiler = cProfile.Profile()
                profiler.runcall(run_step, command, guarded=guarded, verbosity=0)
                profiler.dump_stats(f"/tmp/seed-{command}.prof")
            else:
                run_step(command, guarded=guarded, verbosity=0)

        with bulk_seeding():
            measure(command, step)

    baseline = rows[0]
    seed = rows[1:]
    wall = sum(row[1] for row in seed)
    cpu = sum(row[2] for row in seed)
    print(f"  {'seed_milano, total':<22} {wall:8.1f} s wall {cpu:8.1f} s CPU   "
          f"= {wall / baseline[1]:.1f}x migrate's wall, {cpu / baseline[2]:.1f}x its CPU")
    if args.keep:
        from django.db import connection

        connection.close()
        shutil.copyfile(database, args.keep)
        print(f"Seeded database copied to {args.keep}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
