import pytest

from marketplace import factories as shop
from marketplace.organisations import services
from marketplace.organisations.models import Organisation
from tests.marketplace.conftest import (  # noqa: F401
    accredited_offer,
    citizen,
    marketplace_defaults,
    service,
    zones,
)
from tests.sharing.conftest import shared_offer  # noqa: F401

CONDOMINIUM_CODE = "97123450153"
COMPANY_CODE = "07654320154"


@pytest.fixture
def comune(db):
    return staff("operatore.comune@wemi.example")


def staff(email):
    user = shop.make_citizen(email)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def administrator(db):
    """A condominium administrator (ISEE 12,000: 30 % band as a private person)."""
    return shop.make_citizen("amministratore@wemi.example", isee="12000",
                             first_name="Paolo", last_name="Bianchi")


@pytest.fixture
def condominium(administrator, comune):
    organisation = services.register(
        administrator, kind="condominium", name="Condominio Via Padova 21",
        tax_code=CONDOMINIUM_CODE, address="Via Padova 21, Milano",
    )
    return services.review(organisation, comune, Organisation.Status.VERIFIED)
