import pytest


@pytest.fixture(autouse=True)
def italian():
    """Addresses are reversed in Italian, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("it"):
        yield
