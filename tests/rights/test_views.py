import json

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from marketplace.fulfilment import statuses

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

User = get_model("marketplace_accounts", "User")

OVERVIEW = reverse("marketplace_rights:overview")
JSON = reverse("marketplace_rights:download-json")
PDF = reverse("marketplace_rights:download-pdf")
DELETE = reverse("marketplace_rights:delete")
DELETED = reverse("marketplace_rights:deleted")


@pytest.mark.parametrize("url", [OVERVIEW, JSON, PDF, DELETE])
def test_anonymous_visitors_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_deleted_page_without_a_deletion_goes_home(client):
    assert client.get(DELETED).status_code == 302


def test_overview_lists_the_sections_and_links(client, rich_citizen):
    client.force_login(rich_citizen)
    response = client.get(OVERVIEW)
    content = response.content.decode()
    assert response.status_code == 200
    assert JSON in content and PDF in content and DELETE in content


def test_account_page_links_the_overview(client, citizen):
    client.force_login(citizen)
    assert OVERVIEW in client.get(reverse("customer:summary"), follow=True).content.decode()


def test_downloads_are_attachments_of_the_own_data(client, rich_citizen, provider):
    client.force_login(rich_citizen)
    response = client.get(JSON)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["account"] == rich_citizen.email
    client.force_login(provider.staff)
    assert json.loads(client.get(JSON).content)["account"] == provider.staff.email
    client.force_login(rich_citizen)
    pdf = client.get(PDF)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_delete_page_says_what_is_erased_and_kept(client, rich_citizen):
    client.force_login(rich_citizen)
    content = client.get(DELETE).content.decode()
    assert "2220" in content
    assert str(rich_citizen.orders_for_test["pending"].number) in content  # cancelled first
    assert 'name="password"' in content


def test_wrong_password_keeps_everything(client, rich_citizen):
    client.force_login(rich_citizen)
    response = client.post(DELETE, {"password": "wrong", "understood": "on"})
    assert response.status_code == 200
    with translation.override("it"):
        assert gettext("The password is not correct.") in response.content.decode()
    rich_citizen.refresh_from_db()
    assert rich_citizen.is_active and rich_citizen.first_name == "Maria"


def test_without_the_checkbox_nothing_happens(client, rich_citizen):
    client.force_login(rich_citizen)
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 200
    rich_citizen.refresh_from_db()
    assert rich_citizen.is_active


def test_deleting_logs_out_and_confirms(client, rich_citizen):
    client.force_login(rich_citizen)
    response = client.post(DELETE, {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 302 and response["Location"].endswith(DELETED)
    page = client.get(DELETED)
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session
    user = User.objects.get(pk=rich_citizen.pk)
    assert not user.is_active
    pending = rich_citizen.orders_for_test["pending"].lines.get()
    pending.refresh_from_db()
    assert pending.status == statuses.CANCELLED
    # The account's pages now ask to log in.
    assert client.get(OVERVIEW).status_code == 302


def test_in_arabic_the_page_is_translated_and_right_to_left(client, rich_citizen):
    client.force_login(rich_citizen)
    response = client.get("/ar" + DELETE[3:])
    content = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in content
    assert "Delete your account" not in content
    assert "حذف" in content


def test_staff_get_an_explanation_not_a_form(client, provider):
    client.force_login(provider.staff)
    content = client.get(DELETE).content.decode()
    assert 'name="password"' not in content
    response = client.post(DELETE, {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 200
    provider.staff.refresh_from_db()
    assert provider.staff.is_active


def test_provider_pages_of_an_anonymised_order_do_not_fail(client, rich_citizen, provider):
    from marketplace.rights.erasure import delete_account

    lines = list(rich_citizen.orders_for_test["delivered"].lines.all())
    delete_account(rich_citizen)
    client.force_login(provider.staff)
    assert client.get(reverse("marketplace_fulfilment:line_list")).status_code == 200
    assert client.get(reverse("marketplace_fulfilment:line_export")).status_code == 200
    for line in lines:
        url = reverse("marketplace_fulfilment:line_detail", args=[line.pk])
        assert client.get(url).status_code == 200
    admin = User.objects.create_superuser(email="admin@example.org", password=PASSWORD)
    client.force_login(admin)
    number = rich_citizen.orders_for_test["delivered"].number
    receipt = reverse("marketplace_documents:order-receipt", kwargs={"number": number})
    assert client.get(receipt).status_code == 200
