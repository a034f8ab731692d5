import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace import factories as shop
from marketplace.sharing import groups
from marketplace.sharing.models import PriceTier
from tests.marketplace.conftest import marketplace_defaults, service, zones  # noqa: F401


@pytest.fixture
def shared_offer(service):  # noqa: F811
    """An accredited offer at 20 EUR/hour: 15 EUR from 2 households, 12 from 4, 10 from 6."""
    offer = shop.make_offer(service, price="20.00", unit="hour", pricing_kind="accredited",
                            capacity=5)
    for low, high, price in ((2, 3, "15.00"), (4, 5, "12.00"), (6, None, "10.00")):
        PriceTier.objects.create(
            stockrecord=offer, min_households=low, max_households=high, unit_price=Decimal(price),
            valid_from=datetime.date(2020, 1, 1),
        )
    return offer


def group_terms(zones, **overrides):  # noqa: F811
    now = timezone.now()
    terms = {
        "context": "school",
        "min_households": 3,
        "max_households": 10,
        "deadline": now + datetime.timedelta(days=3),
        "start_date": (now + datetime.timedelta(days=10)).date(),
        "frequency": "weekly",
        "zone": zones["citta_studi"],
        "is_public": True,
    }
    terms.update(overrides)
    return terms


@pytest.fixture
def organiser(db):
    return shop.make_citizen("organizzatrice@wemi.example", isee="12000", first_name="Anna")


@pytest.fixture
def group(shared_offer, organiser, zones):  # noqa: F811
    group, _token = groups.start_group(shared_offer, organiser, "it", **group_terms(zones))
    return group
