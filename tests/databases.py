"""One migrated test database per run, cloned for each pytest-xdist process.

Migrating WeMi's 430 migrations takes a minute or two of CPU; with ``-n 2`` every process used
to do it at once, each on its own database. Instead the first process to arrive migrates a
*template* database (the unsuffixed test name, e.g. ``wemi_test``) once per run, under a file
lock, and every process then copies it to its own database (``wemi_test_gw0``...): PostgreSQL
with ``CREATE DATABASE ... TEMPLATE`` (what Django's own ``test --parallel`` does), SQLite with
its online backup API (correct in WAL mode, unlike copying the file).

Django's ``clone_test_db`` is not used because it names SQLite clones differently from
pytest-django's ``_gw<N>`` suffix, which the next run's ``--reuse-db`` probe reads.
"""

import fcntl
import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def is_sqlite(database):
    return database["ENGINE"].endswith("sqlite3")


@contextmanager
def template_lock(template_name):
    """An exclusive lock shared by the processes of every run on this machine that use the
    template ``template_name`` (a file lock: released if the process dies)."""
    digest = hashlib.sha1(template_name.encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"wemi-test-template-{digest}.lock"
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built_in_run(lock_handle, run_id):
    """Whether the template was already built in the run ``run_id`` (read from the lock file)."""
    lock_handle.seek(0)
    return lock_handle.read().strip() == run_id


def mark_built(lock_handle, run_id):
    lock_handle.seek(0)
    lock_handle.truncate()
    lock_handle.write(run_id)
    lock_handle.flush()


def remove_sqlite_file(name):
    """Delete a SQLite database file with its write-ahead log and index, if present."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(name + suffix):
            os.remove(name + suffix)


def clone(database, template_name, target_name):
    """Copy the migrated database ``template_name`` to ``target_name`` (replacing it)."""
    if is_sqlite(database):
        import sqlite3

        remove_sqlite_file(target_name)
        source = sqlite3.connect(template_name)
        target = sqlite3.connect(target_name)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    from django.db import connections

    connection = connections["default"]
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target_name)}")
        cursor.execute(f"CREATE DATABASE {quote(target_name)} WITH TEMPLATE {quote(template_name)}")


def use_database(name):
    """Point the default connection (and settings) at the test database ``name``."""
    from django.conf import settings
    from django.db import connections

    connection = connections["default"]
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
