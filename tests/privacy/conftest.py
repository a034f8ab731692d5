"""A Spazio operator, the demo-like citizen with an ISEE, a service with an accredited offer,
and delegations between them."""

import datetime

import pytest
from django.utils import timezone

from marketplace.privacy import rules
from marketplace.privacy.models import Delegation
from tests.marketplace import conftest as shop_fixtures

# The marketplace's fixtures (a service with an accredited offer, a citizen with ISEE 12,000).
accredited_offer = shop_fixtures.accredited_offer
citizen = shop_fixtures.citizen
marketplace_defaults = shop_fixtures.marketplace_defaults
service = shop_fixtures.service
tomorrow = shop_fixtures.tomorrow
zones = shop_fixtures.zones


@pytest.fixture
def space(zones):
    from content import factories

    return factories.make_space("Spazio WeMi Test Tortona", municipio=zones["municipio_3"])


@pytest.fixture
def space_operator(space):
    from content.spaces.operators import make_space_operator
    from marketplace import factories as shop

    user = shop.make_citizen("operatore@wemi.example", first_name="Olga", last_name="Operatrice")
    make_space_operator(user, space)
    return user


def make_delegation(
    operator, citizen, space=None, purposes=(rules.PURCHASE, rules.ORDERS), days=30, **fields
):
    now = timezone.now()
    fields.setdefault("starts_at", now - datetime.timedelta(days=1))
    fields.setdefault("ends_at", now + datetime.timedelta(days=days))
    return Delegation.objects.create(
        operator=operator,
        citizen=citizen,
        purposes=list(purposes),
        granted_via=Delegation.GrantedVia.CITIZEN_ONLINE,
        space_key=space.translation_key if space else None,
        created_by=citizen,
        **fields,
    )


@pytest.fixture
def delegation(space_operator, citizen, space):
    return make_delegation(space_operator, citizen, space)


@pytest.fixture
def acting_client(client, space_operator, delegation):
    """The test client of the operator, in acting mode for ``citizen``."""
    from django.urls import reverse

    client.force_login(space_operator)
    response = client.post(
        reverse("marketplace_privacy:acting-start", kwargs={"citizen_id": delegation.citizen_id})
    )
    assert response.status_code == 302
    return client
