import pytest
from wagtail.models import Collection


@pytest.fixture
def home_page(home_page):
    """The home page, plus the root collection that provider staff groups need (a live-server
    test run before may have flushed it)."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return home_page


@pytest.fixture(autouse=True)
def italian():
    """Addresses are reversed in Italian, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("it"):
        yield
