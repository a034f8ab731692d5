"""A fund ready to grant vouchers, and helpers shared by the ledger tests."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone

from marketplace.ledger import eligibility
from marketplace.ledger.models import Account, Fund
from marketplace.ledger.vouchers import grant, open_fund
from tests.fulfilment.conftest import citizen, provider_a, site_data  # noqa: F401

_sequence = itertools.count(1)

# Valid fiscal codes (checksums right): a parent and minors born 2015-2019.
PARENT_CF = "RSSMRA80A01F205X"


def make_fund(budget_cents=100_000, valid_days=365, **fields):
    today = timezone.localdate()
    fund = Fund.objects.create(
        name=fields.pop("name", f"Bando {next(_sequence)}"),
        budget_cents=budget_cents,
        applications_from=fields.pop("applications_from", today - timedelta(days=1)),
        applications_until=fields.pop("applications_until", today + timedelta(days=30)),
        valid_until=fields.pop("valid_until", today + timedelta(days=valid_days)),
        catalogue_0_18=fields.pop("catalogue_0_18", False),
        **fields,
    )
    open_fund(fund)
    return fund


def minor_code(n):
    """A distinct (not checksum-valid) code per minor, enough for the ledger's uniqueness."""
    return f"MNR{n:013d}"


@pytest.fixture
def fund(db):
    return make_fund()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def everything_eligible(monkeypatch):
    monkeypatch.setattr(eligibility, "eligible_products",
                        lambda fund, products: {p.pk for p in products})


@pytest.fixture
def voucher(fund, citizen):  # noqa: F811  (citizen: the fulfilment fixture imported above)
    return grant(fund, PARENT_CF, minor_code(1), 3000, user=citizen, minor_name="Luca")


def balance(account):
    """An account's balance in cents, read again from the database."""
    return Account.objects.get(pk=account.pk).balance


__all__ = ["PARENT_CF", "balance", "date", "make_fund", "minor_code"]
