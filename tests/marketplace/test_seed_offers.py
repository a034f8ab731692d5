import pytest
from django.core.management import call_command
from oscar.core.loading import get_model

from marketplace.pricing.models import IseeDeclaration

StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def test_seed_offers_gives_every_service_offers_and_is_idempotent(service, zones):
    from content import factories

    repairs = factories.make_service(
        factories.make_provider("Artigiani di quartiere"), "Piccole riparazioni in casa"
    )
    call_command("seed_offers", force=True)
    offers = list(StockRecord.objects.select_related("product"))
    keys = {offer.product.service_key for offer in offers}
    assert keys == {service.translation_key, repairs.translation_key}
    for offer in offers:
        if offer.product.service_key == service.translation_key:  # accredited home care
            assert offer.product.pricing_kind == "accredited"
            assert offer.unit in {"hour", "month"}
        assert offer.partner.provider_key == offer_provider_key(offer)
    assert IseeDeclaration.objects.filter(user__email="cittadino@wemi.example").exists()

    call_command("seed_offers", force=True)
    assert StockRecord.objects.count() == len(offers)


def offer_provider_key(offer):
    from content.services.models import ServicePage

    page = ServicePage.objects.get(
        translation_key=offer.product.service_key, locale__language_code="it"
    )
    return page.get_parent().translation_key
