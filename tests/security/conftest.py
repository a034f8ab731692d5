import pytest

# The marketplace fixtures (service, offers, citizen, zones) serve the security tests too.
from tests.marketplace.conftest import (  # noqa: F401
    accredited_offer,
    citizen,
    marketplace_defaults,
    service,
    tomorrow,
    zones,
)


@pytest.fixture(autouse=True)
def _fresh_throttling(db):
    """Each test starts without failed logins from the others."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
