"""The demo's sharing data: tiers and groups in every state, idempotent."""

import io

import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.sharing.models import PriceTier, SharingGroup

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_seed_sharing_builds_every_state_once(service, zones):
    service.sharable = True
    service.save_revision().publish()
    offer = shop.make_offer(service, price="20.00", pricing_kind="market")
    shop.make_citizen("cittadino@wemi.example", isee="12000")

    for _run in range(2):
        call_command("seed_sharing", stdout=io.StringIO())

    assert list(PriceTier.objects.filter(stockrecord=offer).values_list(
        "min_households", "max_households", "unit_price"
    )) == [(2, 3, 17), (4, 5, 15), (6, None, 13)]
    statuses = sorted(SharingGroup.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "failed", "forming", "forming"]
    assert Order.objects.count() == 3
