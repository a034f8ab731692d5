"""Demo-like objects for the robustness tests: a provider with staff, a service with FAQ,
an offer, the five roles (anonymous, citizen, provider staff, editor, superuser) and a
placed order."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from content import factories
from tests.marketplace.conftest import (  # noqa: F401 (fixtures)
    accredited_offer,
    citizen,
    marketplace_defaults,
    service,
    tomorrow,
    zones,
)
from tests.marketplace.helpers import (
    add_to_basket_url,
    basket_post,
    checkout_to_preview,
    place_order,
)

PASSWORD = "Robust-pass-2026"


def _user(email, *groups, **fields):
    user = get_user_model().objects.create_user(email=email, password=PASSWORD, **fields)
    user.groups.add(*groups)
    return user


@pytest.fixture
def editors_group(db):
    from content.core.roles import setup_roles

    return setup_roles()


@pytest.fixture
def provider_staff(service, editors_group):  # noqa: F811
    provider = service.get_parent().specific
    provider.refresh_from_db()
    return _user("staff@girasole.example", provider.staff_group)


@pytest.fixture
def editor(editors_group):
    return _user("editor@comune.example", editors_group)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        email="admin@comune.example", password=PASSWORD
    )


@pytest.fixture
def taxonomy_rows(service):  # noqa: F811
    """Needs, zones and audiences as the demo names them (the service fixture adds more)."""
    factories.make_need("Badante convivente")
    factories.make_audience("Persone con disabilità")
    return service


@pytest.fixture
def placed_order(citizen, accredited_offer, zones, service, tomorrow):  # noqa: F811
    """An order of the citizen (placed through the web views), with its one line."""
    from oscar.core.loading import get_model

    client = Client()
    client.force_login(citizen)
    response = client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    assert response.status_code == 302, response.context["form"].errors
    checkout_to_preview(client)
    assert place_order(client).status_code == 302
    return get_model("order", "Order").objects.get(user=citizen)


def login(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client
