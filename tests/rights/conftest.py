"""A citizen with data in every section: ISEE, address, orders (pending, delivered),
e-mails, a problem report, a basket."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.fulfilment import workflow
from marketplace.pricing.models import IseeDeclaration
from tests.fulfilment.conftest import Provider, make_user, place_order

UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")
Email = get_model("communication", "Email")

PASSWORD = "secret-pass"


@pytest.fixture
def site_data(home_page):
    from wagtail.models import Collection

    from marketplace.defaults import ensure_all

    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    ensure_all()
    return home_page


@pytest.fixture
def provider(site_data):
    return Provider("Cooperativa Gamma")


@pytest.fixture
def citizen(db):
    return make_user(email="maria.rossi@example.org", first_name="Maria", last_name="Rossi")


@pytest.fixture
def rich_citizen(citizen, provider):
    """The citizen with an ISEE, an address, a pending and a delivered order, an e-mail and
    a problem report."""
    from content.feedback.models import ProblemReport

    IseeDeclaration.objects.create(
        user=citizen, value=Decimal("12000.00"), dsu_protocol="INPS-ISEE-2026-00000001A-00",
        expires_on=timezone.localdate() + datetime.timedelta(days=200),
    )
    country = Country.objects.get_or_create(
        iso_3166_1_a2="IT", defaults={"name": "Italia", "printable_name": "Italia"}
    )[0]
    UserAddress.objects.create(
        user=citizen, first_name="Maria", last_name="Rossi", line1="Via Padova 1",
        line4="Milano", postcode="20127", country=country,
    )
    pending = place_order(citizen, provider.offer)
    pending.contact_name = "Maria Rossi"
    pending.contact_phone = "+39 333 1234567"
    pending.beneficiary_name = "Giuseppe Rossi"
    pending.notes_for_providers = "Citofono Rossi"
    pending.save()
    delivered = place_order(citizen, provider.offer)
    delivered.contact_name = "Maria Rossi"
    delivered.save()
    line = delivered.lines.get()
    workflow.accept(line, provider.staff, timezone.now() + datetime.timedelta(days=1))
    workflow.mark_delivered(line, provider.staff)
    Email.objects.create(user=citizen, email=citizen.email, subject="Benvenuta", body_text="Ciao")
    ProblemReport.objects.create(
        kind=ProblemReport.Kind.PHONE, description="Numero sbagliato", email=citizen.email
    )
    citizen.orders_for_test = {"pending": pending, "delivered": delivered}
    return citizen


__all__ = ["PASSWORD", "make_user", "place_order"]
