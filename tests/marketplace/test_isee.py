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


def year_end():
    """An ISEE is valid until 31 December of the year of its DSU."""
    return datetime.date(timezone.localdate().year, 12, 31).isoformat()


def protocol():
    return f"INPS-ISEE-{timezone.localdate().year}-12345678X-00"


def test_citizen_declares_the_isee_and_sees_the_band(client, marketplace_defaults):
    user = shop.make_citizen("nuova@wemi.example")
    client.force_login(user)
    response = client.post(
        ISEE_URL,
        {
            "value": "14000",
            "dsu_protocol": protocol().lower(),
            "expires_on": year_end(),
        },
    )
    assert response.status_code == 302
    declaration = IseeDeclaration.objects.get(user=user)
    assert declaration.dsu_protocol == protocol()
    assert not declaration.is_verified
    page = client.get(ISEE_URL).content.decode()
    assert "in attesa di verifica da parte del Comune" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"value": "-5", "dsu_protocol": "INPS-ISEE-2026-12345678X-00"}, "value"),
        ({"value": "1000000.01", "dsu_protocol": "INPS-ISEE-2026-12345678X-00"}, "value"),
        (
            {
                "value": "1.00",
                "dsu_protocol": "INPS-ISEE-2026-12345678X-00",
                "expires_on": "9999-12-31",
            },
            "expires_on",
        ),
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
    data.setdefault("expires_on", year_end())
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
        {"value": "5000", "dsu_protocol": declaration.dsu_protocol, "expires_on": year_end()},
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
    citizen = shop.make_citizen(isee="7000", isee_verified=False)
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


def test_verifications_are_recorded_and_need_the_permission(client, operator):
    """Who verified which values and when; staff without the "verify" permission cannot."""
    from marketplace.pricing.models import IseeVerification

    citizen = shop.make_citizen(isee="1.00", isee_verified=False)
    declaration = citizen.isee_declaration
    data = {
        "user": citizen.pk,
        "value": "1.00",
        "dsu_protocol": declaration.dsu_protocol,
        "expires_on": declaration.expires_on.isoformat(),
        "verified": "on",
    }
    edit_url = reverse("isee_declarations:edit", args=[declaration.pk])
    clerk = shop.make_citizen("impiegato@comune.example")
    clerk.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_iseedeclaration"),
    )
    client.force_login(clerk)
    assert client.post(edit_url, data).status_code == 302
    declaration.refresh_from_db()
    assert not declaration.is_verified and not IseeVerification.objects.exists()

    client.force_login(operator)
    assert client.post(edit_url, data).status_code == 302
    declaration.refresh_from_db()
    assert declaration.is_verified
    record = IseeVerification.objects.get()
    assert (record.citizen, record.value) == (citizen, Decimal("1.00"))
    assert record.verified_by == operator
    assert record.dsu_protocol == declaration.dsu_protocol
    assert record.verified_at == declaration.verified_at

    # The operator corrects the value: a new verification of the new values.
    assert client.post(edit_url, {**data, "value": "3000.00"}).status_code == 302
    assert list(IseeVerification.objects.values_list("value", flat=True)) == [
        Decimal("3000.00"), Decimal("1.00")
    ]


def test_the_reduced_price_waits_for_the_verification(accredited_offer):
    """Issue 12: an ISEE of 1.00 EUR declared by the citizen gave 0 EUR at once."""
    from marketplace.partner.strategy import IseeStrategy

    citizen = shop.make_citizen(isee="1.00", isee_verified=False)
    offer = accredited_offer
    strategy = IseeStrategy(user=citizen)
    assert strategy.fetch_for_product(offer.product).price.excl_tax == Decimal("22.00")
    declaration = citizen.isee_declaration
    declaration.mark_verified(None)
    declaration.save()
    strategy = IseeStrategy(user=citizen)
    assert strategy.fetch_for_product(offer.product).price.excl_tax == Decimal("0.00")
