"""The demo's organisations: a verified condominium and company, members, a restricted
group and an order billed to the condominium; idempotent."""

import io

import pytest
from django.core.management import call_command

from marketplace import factories as shop
from marketplace.organisations.models import Organisation, OrganisationMember, OrganisationOrder

pytestmark = pytest.mark.django_db


def test_seed_organisations_builds_them_once(service, zones):
    service.sharable = True
    service.save_revision().publish()
    shop.make_offer(service, price="20.00", pricing_kind="market")
    shop.make_citizen("cittadino@wemi.example", isee="12000")
    shop.make_citizen("admin@wemi.example")
    call_command("seed_sharing", stdout=io.StringIO())
    out = io.StringIO()
    for _run in range(2):
        call_command("seed_organisations", stdout=out)
    assert sorted(Organisation.objects.values_list("status", flat=True)) == [
        "pending", "verified", "verified"
    ]
    condominium = Organisation.objects.get(kind="condominium")
    assert condominium.members.filter(verified_at__isnull=False).count() == 3
    assert OrganisationMember.objects.filter(verified_at__isnull=True).count() == 1
    assert condominium.sharing_groups.get().households_count == 2
    billing = OrganisationOrder.objects.get()
    line = billing.order.lines.get()
    assert line.comune_contribution == 0 and line.line_price_incl_tax == 8 * 20
    assert "Logins: condominium administrator amministratore.condominio@wemi.example" in (
        out.getvalue()
    )
