import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    """Compile locale/'s PO files whose .mo (git-ignored) is missing or older than the PO."""
    from content.core.catalogs import compile_stale_catalogs

    compile_stale_catalogs()


# Rows that only migrations create (data migrations) and that a flush does not bring back.
MIGRATION_DATA_PROBES = [
    "SELECT COUNT(*) FROM wagtailcore_locale",
    "SELECT COUNT(*) FROM auth_permission WHERE codename = 'submit_translation'",
]


def _test_database_state(name=None):
    """The state of the kept test database ``name`` (by default this process's): "missing",
    "unmigrated", "flushed" or "ok".

    Live-server and other transactional tests end with a flush, which empties every table:
    the next run's ``--reuse-db`` would then start without the locales, groups, permissions
    and defaults that data migrations made (they never run again). Such a database is
    "flushed", and is recreated instead of reused.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    name = name or database.get("TEST", {}).get("NAME")
    try:
        if database["ENGINE"].endswith("sqlite3"):
            import sqlite3

            if not name or not os.path.exists(name):
                return "missing"
            connection = sqlite3.connect(name)
        else:
            import psycopg

            connection = psycopg.connect(
                dbname=name,
                user=database.get("USER") or None,
                password=database.get("PASSWORD") or None,
                host=database.get("HOST") or None,
                port=database.get("PORT") or None,
                connect_timeout=10,
            )
    except Exception:  # no test database yet: it will be created
        return "missing"
    try:
        cursor = connection.cursor()
        flushed = any(cursor.execute(probe).fetchone()[0] == 0 for probe in MIGRATION_DATA_PROBES)
        return "flushed" if flushed else "ok"
    except Exception:  # not migrated yet: migrate will build it
        return "unmigrated"
    finally:
        connection.close()


def _reused_test_database_was_flushed():
    """Whether this process's kept test database lost the data its migrations created."""
    return _test_database_state() == "flushed"


def _remove_stale_sqlite_logs(recreate):
    """Delete a SQLite test database's write-ahead log and index (``-wal``, ``-shm``) left
    by an interrupted run, when the database file is about to be created anew: SQLite
    would otherwise replay the old log into the new file."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database.get("TEST", {}).get("NAME")
    if not database["ENGINE"].endswith("sqlite3") or not name:
        return
    if recreate or not os.path.exists(name):
        for suffix in ("-wal", "-shm"):
            if os.path.exists(name + suffix):
                os.remove(name + suffix)


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_modify_db_settings):
    """Recreate the test database when asked to, or when a flush emptied the kept one.

    Depends on ``django_db_modify_db_settings`` so that, under pytest-xdist, the probe reads
    this worker's database (its name gets the worker's ``_gw<N>`` suffix there)."""
    recreate = request.config.getvalue("create_db") or _reused_test_database_was_flushed()
    _remove_stale_sqlite_logs(recreate)
    return recreate


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's test database set-up, except under pytest-xdist: there the run's first
    process migrates one template database and every process clones it (``tests/databases``)
    instead of each migrating its own, unless its kept database can be reused as it is."""
    from django.conf import settings
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    from tests import databases

    verbosity = request.config.option.verbose
    database = settings.DATABASES["default"]
    own_name = database["TEST"]["NAME"]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    workerinput = getattr(request.config, "workerinput", None)
    reuse = django_db_keepdb and not django_db_createdb
    if (
        not worker
        or not workerinput
        or not django_db_use_migrations
        or (reuse and _test_database_state() == "ok")
    ):
        if not django_db_use_migrations:
            from pytest_django.fixtures import _disable_migrations

            _disable_migrations()  # what pytest-django's own fixture does for --nomigrations
        with django_db_blocker.unblock():
            db_cfg = setup_databases(verbosity=verbosity, interactive=False, keepdb=reuse)
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(db_cfg, verbosity=verbosity)
        return

    original_name = database["NAME"]
    template = own_name.removesuffix(f"_{worker}")
    with django_db_blocker.unblock(), databases.template_lock(template) as lock:
        if not databases.built_in_run(lock, workerinput["testrunuid"]):
            state = _test_database_state(template)
            recreate = request.config.getvalue("create_db") or state in ("missing", "flushed")
            if databases.is_sqlite(database) and recreate:
                databases.remove_sqlite_file(template)
            database["TEST"]["NAME"] = template
            try:
                setup_databases(verbosity=verbosity, interactive=False, keepdb=not recreate)
            finally:
                database["TEST"]["NAME"] = own_name
            connections.close_all()  # PostgreSQL copies a template no one is connected to
            databases.mark_built(lock, workerinput["testrunuid"])
        databases.clone(database, template, own_name)
    databases.use_database(own_name)
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            connections["default"].creation.destroy_test_db(original_name, verbosity)


@pytest.fixture
def home_page(db):
    """The Italian home page (rebuilt if a live-server test flushed the tables)."""
    from content.core.site_tree import ensure_site_tree

    return ensure_site_tree()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rate-limit counters and duplicate claims of
    one test (kept in Django's cache) must not count in the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a test that activates one (a view, a
    template tag) must not decide the language of the next test's gettext calls."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
