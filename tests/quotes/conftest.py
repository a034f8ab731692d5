"""Three providers serving Municipio 3 for the same need, each with a staff member; a
citizen in the 30 % ISEE band; requests built through the workflow."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Collection

from content import factories
from content.taxonomy.models import Zone
from marketplace import factories as shop
from marketplace.defaults import ensure_all
from marketplace.quotes import matching, workflow
from marketplace.quotes.roles import grant_quote_statistics

_sequence = itertools.count(1)


@pytest.fixture
def site_data(home_page):
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_all()
    return home_page


@pytest.fixture
def zones(site_data):
    municipio_3 = factories.make_zone("Municipio 3", number=3)
    municipio_8 = factories.make_zone("Municipio 8", number=8)
    return {
        "municipio_3": municipio_3,
        "citta_studi": factories.make_zone(
            "Città Studi", kind=Zone.Kind.QUARTIERE, parent=municipio_3
        ),
        "municipio_8": municipio_8,
        "qt8": factories.make_zone("QT8", kind=Zone.Kind.QUARTIERE, parent=municipio_8),
    }


@pytest.fixture
def need(site_data):
    return factories.make_need("Badante", parent=factories.make_need("Assistenza"))


class Provider:
    """A provider page with a service for ``need`` in ``zones``, its partner and staff."""

    def __init__(self, title, need, zones, accredited=False):
        self.page = factories.make_provider(title=title)
        self.service = factories.make_service(
            self.page, f"Badante a domicilio {title}", needs=[need], zones=zones,
            accredited=accredited,
        )
        self.partner = shop.partner_for(self.page)
        self.staff = shop.make_citizen(f"staff{next(_sequence)}@example.org")
        self.staff.groups.add(self.page.staff_group)


@pytest.fixture
def providers(need, zones):
    return [
        Provider("Cooperativa Alfa", need, [zones["municipio_3"]]),
        Provider("Cooperativa Beta", need, [zones["municipio_3"]], accredited=True),
        Provider("Cooperativa Gamma", need, [zones["municipio_3"]]),
        Provider("Cooperativa Delta", need, [zones["municipio_8"]]),
    ]


@pytest.fixture
def citizen(db):
    return shop.make_citizen("maria@wemi.example", isee="12000", first_name="Maria")


@pytest.fixture
def operator(db):
    return _operator()


def _operator():
    user = shop.make_citizen(f"operatore{next(_sequence)}@example.org")
    user.groups.add(grant_quote_statistics())
    return user


def send(citizen, providers, need, zone, **fields):
    """A request from ``citizen`` to ``providers`` (their services)."""
    today = timezone.localdate()
    data = {
        "need": need,
        "description": "Aiuto per lavarsi e pranzo, cinque mattine a settimana",
        "for_whom": "Mia madre, 82 anni",
        "people": 1,
        "period_start": today + datetime.timedelta(days=7),
        "days_times": "Lun-Ven 8-11",
        "zone": zone,
        "address": "Via Pascoli 12",
        "respond_by": today + datetime.timedelta(days=7),
        "language": "it",
    }
    data.update(fields)
    return workflow.send_request(
        citizen, [matching.offer_of(p.service, p.page) for p in providers], **data
    )


def quote_of(request, provider):
    return request.quotes.get(partner=provider.partner)


def answer(quote, provider, unit_price="18.00", quantity="20", valid_days=10):
    return workflow.answer(
        quote, provider.staff, unit="hour", quantity=Decimal(quantity),
        unit_price=Decimal(unit_price), included="Igiene e pranzo",
        proposed_start=timezone.localdate() + datetime.timedelta(days=7),
        valid_until=timezone.localdate() + datetime.timedelta(days=valid_days),
    )


@pytest.fixture
def sent(citizen, providers, need, zones):
    """A request to the three providers of Municipio 3."""
    return send(citizen, providers[:3], need, zones["citta_studi"])


@pytest.fixture
def immediate_on_commit(monkeypatch):
    """In tests wrapped in a transaction, run on_commit callbacks (e-mails) at once."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
