import datetime

import pytest
from django.utils import timezone
from wagtail.models import Collection

from content import factories
from content.taxonomy.models import Zone
from marketplace import factories as shop
from marketplace.defaults import ensure_all


@pytest.fixture
def marketplace_defaults(home_page):
    """Product class, line options, ISEE bands, root collection (rebuilt after a flush)."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_all()


@pytest.fixture
def zones(marketplace_defaults):
    municipio_3 = factories.make_zone("Municipio 3", number=3)
    municipio_8 = factories.make_zone("Municipio 8", number=8)
    return {
        "municipio_3": municipio_3,
        "citta_studi": factories.make_zone(
            "Città Studi", kind=Zone.Kind.QUARTIERE, parent=municipio_3
        ),
        "lambrate": factories.make_zone("Lambrate", kind=Zone.Kind.QUARTIERE, parent=municipio_3),
        "municipio_8": municipio_8,
        "qt8": factories.make_zone("QT8", kind=Zone.Kind.QUARTIERE, parent=municipio_8),
    }


@pytest.fixture
def service(zones):
    need = factories.make_need("Assistenza alla persona", parent=factories.make_need("Assistenza"))
    provider = factories.make_provider(
        "Cooperativa Sociale Girasole", municipio=zones["municipio_3"]
    )
    return factories.make_service(
        provider,
        "Assistenza domiciliare anziani",
        needs=[need],
        zones=[zones["municipio_3"]],
        audiences=[factories.make_audience("Anziani")],
        at_home=True,
        accredited=True,
    )


@pytest.fixture
def accredited_offer(service):
    return shop.make_offer(service, price="22.00", unit="hour", pricing_kind="accredited")


@pytest.fixture
def citizen(db):
    """A citizen in the 30 % band (ISEE 12,000 EUR)."""
    return shop.make_citizen(
        "maria@wemi.example", isee="12000", first_name="Maria", last_name="Rossi"
    )


@pytest.fixture
def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def logged_in(client, citizen):
    """The test client, logged in as ``citizen``."""
    client.force_login(citizen)
    return client
