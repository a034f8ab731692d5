import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def home_page(db):
    """The Italian home page (rebuilt if a live-server test flushed the tables)."""
    from content.core.site_tree import ensure_site_tree

    return ensure_site_tree()
