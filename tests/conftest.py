import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    """Compile locale/'s PO files whose .mo (git-ignored) is missing or older than the PO."""
    from content.core.catalogs import compile_stale_catalogs

    compile_stale_catalogs()


@pytest.fixture
def home_page(db):
    """The Italian home page (rebuilt if a live-server test flushed the tables)."""
    from content.core.site_tree import ensure_site_tree

    return ensure_site_tree()
