"""Citizens declare their ISEE; Comune operators edit bands and verify declarations in /cms/."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from marketplace import factories as shop
from marketplace.pricing.models import IseeBand, IseeDeclaration

pytestmark = pytest.mark.django_db
ISEE_URL = "/it/shop/isee/"


def next_year_end():
    return datetime.date(timezone.localdate().year + 1, 12, 31).isoformat()


def test_citizen_declares_the_isee_and_sees_the_band(client, marketplace_defaults):
    user = shop.make_citizen("nuova@wemi.example")
    client.force_login(user)
    response = client.post(
        ISEE_URL,
        {
            "value": "14000",
            "dsu_protocol": "inps-isee-2026-12345678x-00",
            "expires_on": next_year_end(),
        },
    )
    assert response.status_code == 302
    declaration = IseeDeclaration.objects.get(user=user)
    assert declaration.dsu_protocol == "INPS-ISEE-2026-12345678X-00"
    assert not declaration.is_verified
    assert "30" in client.get(ISEE_URL).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"value": "-5", "dsu_protocol": "INPS-ISEE-2026-12345678X-00"}, "value"),
        ({"value": "9000", "dsu_protocol": "12345"}, "dsu_protocol"),
        (
            {
                "value": "9000",
                "dsu_protocol": "INPS-ISEE-2026-12345678X-00",
                "expires_on": "2020-12-31",
            },
            "expires_on",
        ),
    ],
)
def test_bad_declarations_are_explained(client, marketplace_defaults, data, field):
    client.force_login(shop.make_citizen())
    data.setdefault("expires_on", next_year_end())
    response = client.post(ISEE_URL, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert not IseeDeclaration.objects.exists()


def test_changing_a_verified_declaration_clears_the_verification(client, marketplace_defaults):
    user = shop.make_citizen(isee="9000")
    declaration = user.isee_declaration
    declaration.mark_verified(shop.make_citizen("operatore@comune.example"))
    declaration.save()
    client.force_login(user)
    client.post(
        ISEE_URL,
        {"value": "5000", "dsu_protocol": declaration.dsu_protocol, "expires_on": next_year_end()},
    )
    declaration.refresh_from_db()
    assert declaration.value == Decimal("5000") and not declaration.is_verified


def test_anonymous_visitors_are_asked_to_log_in(client, marketplace_defaults):
    response = client.get(ISEE_URL)
    assert response.status_code == 302 and "login" in response.url


@pytest.fixture
def operator(marketplace_defaults):
    """A Comune operator (the group and its rights come from migrations; rebuilt after a flush)."""
    group, _created = Group.objects.get_or_create(name="Comune operators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="marketplace_pricing"),
    )
    user = shop.make_citizen("operatrice@comune.example")
    user.groups.add(group)
    return user


def test_comune_operators_edit_bands_in_the_admin(client, operator):
    client.force_login(operator)
    band = IseeBand.objects.get(upper_bound=Decimal("15000"))
    assert client.get(reverse("isee_bands:index")).status_code == 200
    edit_url = reverse("isee_bands:edit", args=[band.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url,
        {
            "upper_bound": "15000.00",
            "share_percent": "25",
            "valid_from": "2024-01-01",
            "valid_until": "",
        },
    )
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.share_percent == Decimal("25")


def test_operators_verify_declarations(client, operator):
    citizen = shop.make_citizen(isee="7000")
    declaration = citizen.isee_declaration
    client.force_login(operator)
    edit_url = reverse("isee_declarations:edit", args=[declaration.pk])
    response = client.post(
        edit_url,
        {
            "user": citizen.pk,
            "value": "7000.00",
            "dsu_protocol": declaration.dsu_protocol,
            "expires_on": declaration.expires_on.isoformat(),
            "verified": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    declaration.refresh_from_db()
    assert declaration.is_verified and declaration.verified_by == operator


def test_citizens_cannot_reach_the_bands(client, marketplace_defaults):
    client.force_login(shop.make_citizen())
    band = IseeBand.objects.first()
    response = client.get(reverse("isee_bands:edit", args=[band.pk]))
    assert response.status_code in (302, 403)
