"""The access log: append only, one row per staff view of a citizen's data, the citizen's
page and the Comune's export."""

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse

from marketplace.privacy.access import record_access
from marketplace.privacy.models import DataAccess
from tests.fulfilment.conftest import Provider, make_user, place_order

pytestmark = pytest.mark.django_db


def rows_about(user):
    return list(DataAccess.objects.filter(subject=user))


def test_rows_cannot_be_changed_or_deleted(citizen, space_operator):
    row = record_access(space_operator, citizen, DataAccess.Action.VIEW_PROFILE, purpose="desk")
    row.purpose = "something else"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    with pytest.raises(PermissionDenied):
        DataAccess.objects.filter(pk=row.pk).update(purpose="x")
    with pytest.raises(PermissionDenied):
        DataAccess.objects.filter(pk=row.pk).delete()
    assert DataAccess.objects.get(pk=row.pk).purpose == "desk"


def test_the_admin_offers_no_add_change_or_delete(citizen, space_operator, admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    model_admin = admin_site._registry[DataAccess]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_actions(request) == {}


def test_a_citizen_reading_their_own_data_writes_nothing(citizen):
    assert record_access(citizen, citizen, DataAccess.Action.VIEW_ORDERS) is None
    assert DataAccess.objects.count() == 0


def test_two_accesses_in_the_same_instant_are_two_rows(citizen, space_operator):
    for _ in range(2):
        record_access(space_operator, citizen, DataAccess.Action.VIEW_PROFILE, purpose="desk")
    assert DataAccess.objects.filter(subject=citizen).count() == 2


def test_provider_staff_opening_an_order_line_writes_one_row(client, home_page, citizen):
    provider = Provider("Cooperativa Registro")
    order = place_order(citizen, provider.offer)
    line = order.lines.get()
    client.force_login(provider.staff)
    response = client.get(reverse("marketplace_fulfilment:line_detail", kwargs={"pk": line.pk}))
    assert response.status_code == 200
    (row,) = rows_about(citizen)
    assert (row.actor, row.action, row.purpose) == (
        provider.staff,
        DataAccess.Action.VIEW_ORDER,
        "fulfilment",
    )
    assert (row.object_type, row.object_id) == ("order.order", str(order.pk))
    assert row.request_id


def test_comune_operator_opening_an_order_line_writes_one_row(client, home_page, citizen):
    from marketplace.fulfilment.roles import ensure_operators_group

    provider = Provider("Cooperativa Vigilata")
    line = place_order(citizen, provider.offer).lines.get()
    comune = make_user(groups=[ensure_operators_group()])
    client.force_login(comune)
    client.get(reverse("marketplace_fulfilment:line_detail", kwargs={"pk": line.pk}))
    (row,) = rows_about(citizen)
    assert (row.actor, row.purpose) == (comune, "comune")


def test_other_providers_staff_get_404_and_no_row(client, home_page, citizen):
    provider, other = Provider("Cooperativa Uno"), Provider("Cooperativa Due")
    line = place_order(citizen, provider.offer).lines.get()
    client.force_login(other.staff)
    response = client.get(reverse("marketplace_fulfilment:line_detail", kwargs={"pk": line.pk}))
    assert response.status_code == 404
    assert rows_about(citizen) == []


def test_comune_operator_opening_an_isee_declaration_writes_one_row(client, citizen):
    from marketplace.fulfilment.roles import ensure_operators_group

    comune = make_user(groups=[ensure_operators_group()])
    client.force_login(comune)
    declaration = citizen.isee_declaration
    response = client.get(reverse("isee_declarations:edit", args=[declaration.pk]))
    assert response.status_code == 200
    (row,) = rows_about(citizen)
    assert (row.action, row.purpose, row.object_id) == (
        DataAccess.Action.VIEW_ISEE,
        "isee_check",
        str(declaration.pk),
    )


def test_staff_printing_a_receipt_writes_one_row(client, home_page, citizen, admin_user):
    provider = Provider("Cooperativa Ricevute")
    order = place_order(citizen, provider.offer)
    client.force_login(admin_user)
    response = client.get(reverse("marketplace_documents:order-receipt", args=[order.number]))
    assert response.status_code == 200
    (row,) = rows_about(citizen)
    assert row.action == DataAccess.Action.VIEW_RECEIPT


def test_the_citizen_sees_who_has_seen_their_data_and_only_theirs(client, citizen, space_operator):
    other = make_user()
    record_access(space_operator, citizen, DataAccess.Action.VIEW_ORDERS, purpose="orders")
    record_access(space_operator, other, DataAccess.Action.VIEW_ISEE, purpose="isee_check")
    client.force_login(citizen)
    response = client.get(reverse("marketplace_privacy:access-log"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Olga Operatrice" in html
    assert html.count("<tr>") == 2  # the header and one row
    assert DataAccess.objects.filter(subject=citizen).count() == 1  # reading it logs nothing


def test_the_access_log_page_needs_a_login(client):
    response = client.get(reverse("marketplace_privacy:access-log"))
    assert response.status_code == 302


def test_only_the_comune_exports_the_log(client, citizen, space_operator):
    from marketplace.fulfilment.roles import ensure_operators_group

    record_access(space_operator, citizen, DataAccess.Action.VIEW_ORDERS, purpose="orders")
    url = reverse("privacy_access_log_export")
    client.force_login(space_operator)
    assert client.get(url).status_code in (302, 403)
    comune = make_user(groups=[ensure_operators_group()])
    from django.contrib.auth.models import Permission

    comune.user_permissions.add(
        Permission.objects.get(codename="export_dataaccess"),
    )
    client.force_login(comune)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "operatore@wemi.example" in body and citizen.email in body
    assert client.get(url + "?since=yesterday").status_code == 400
