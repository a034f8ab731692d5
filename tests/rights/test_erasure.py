import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.customer.views import register
from marketplace.fulfilment import access, statuses, workflow
from marketplace.fulfilment.contact import line_contact
from marketplace.fulfilment.models import LineStatusChange
from marketplace.pricing.models import IseeDeclaration
from marketplace.rights import rules
from marketplace.rights.erasure import DeletionRefused, delete_account, purge_expired
from marketplace.rights.models import AccountErasure

from .conftest import PASSWORD, make_user, place_order

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Line = get_model("order", "Line")
UserAddress = get_model("address", "UserAddress")
Email = get_model("communication", "Email")
StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")


def test_deletion_cancels_open_lines_through_the_workflow(rich_citizen, provider):
    pending = rich_citizen.orders_for_test["pending"]
    line = pending.lines.get()
    allocated_before = StockRecord.objects.get(pk=provider.offer.pk).num_allocated
    erasure = delete_account(rich_citizen)
    line.refresh_from_db()
    assert line.status == statuses.CANCELLED
    change = LineStatusChange.objects.filter(line=line).last()
    assert (change.old_status, change.new_status) == (statuses.PENDING, statuses.CANCELLED)
    assert change.changed_by_id == rich_citizen.pk
    # The place goes back to the offer.
    assert StockRecord.objects.get(pk=provider.offer.pk).num_allocated == allocated_before - 1
    assert erasure.cancelled_lines == 1
    assert erasure.orders_kept == 2


def test_personal_data_is_erased_and_orders_are_kept_without_it(rich_citizen):
    from content.feedback.models import ProblemReport

    orders = list(rich_citizen.orders_for_test.values())
    delete_account(rich_citizen)
    user = User.objects.get(pk=rich_citizen.pk)
    assert user.email == rules.erased_email(user.pk)
    assert (user.first_name, user.last_name) == ("", "")
    assert not user.is_active and not user.has_usable_password()
    assert not IseeDeclaration.objects.filter(user=user).exists()
    assert not UserAddress.objects.filter(user=user).exists()
    assert not Email.objects.filter(user=user).exists()
    report = ProblemReport.objects.get()
    assert report.email == "" and report.description == "Numero sbagliato"
    for order in orders:
        order.refresh_from_db()
        assert order.user_id is None
        assert (order.contact_name, order.contact_phone, order.beneficiary_name) == ("", "", "")
        assert order.notes_for_providers == "" and order.email == ""
        # What accounting needs stays.
        assert order.number and order.total_incl_tax > 0 and order.lines.exists()
    request = RequestFactory().post("/")
    assert authenticate(request, username="maria.rossi@example.org", password=PASSWORD) is None


def test_the_same_address_can_register_again(rich_citizen):
    delete_account(rich_citizen)
    request = RequestFactory().get("/")
    register(request, "maria.rossi@example.org")
    newcomer = User.objects.get(email="maria.rossi@example.org")
    assert newcomer.pk != rich_citizen.pk
    assert not Order.objects.filter(user=newcomer).exists()


def test_provider_still_sees_the_lines_without_personal_data(rich_citizen, provider):
    delete_account(rich_citizen)
    lines = access.visible_lines(provider.staff)
    assert lines.count() == 2
    for line in lines:
        contact = line_contact(line)
        assert contact["name"] == "" and contact["phone"] == "" and contact["email"] == ""


def test_a_second_deletion_returns_the_first(rich_citizen):
    first = delete_account(rich_citizen)
    assert delete_account(User.objects.get(pk=rich_citizen.pk)) == first
    assert AccountErasure.objects.count() == 1


def test_an_accepted_line_stops_the_deletion(citizen, provider):
    order = place_order(citizen, provider.offer)
    line = order.lines.get()
    workflow.accept(line, provider.staff, timezone.now() + datetime.timedelta(days=2))
    with pytest.raises(DeletionRefused) as refused:
        delete_account(citizen)
    assert [refused_line.pk for refused_line in refused.value.lines] == [line.pk]
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.email == "maria.rossi@example.org"
    assert not AccountErasure.objects.exists()


def test_staff_accounts_are_not_deleted_here(provider):
    with pytest.raises(DeletionRefused):
        delete_account(provider.staff)
    admin = make_user()
    admin.is_staff = True
    admin.save()
    with pytest.raises(DeletionRefused):
        delete_account(admin)


def test_retention_purge_empties_old_orders_once(citizen, provider):
    old = place_order(citizen, provider.offer)
    old.contact_name = "Maria Rossi"
    old.contact_phone = "+39 02 1"
    old.date_placed = timezone.now() - datetime.timedelta(days=365 * 10 + 5)
    old.save()
    recent = place_order(citizen, provider.offer)
    recent.contact_name = "Maria Rossi"
    recent.save()
    assert purge_expired() == (1, 0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.contact_phone, old.user_id) == ("", "", None)
    assert recent.contact_name == "Maria Rossi" and recent.user_id == citizen.pk
    assert purge_expired() == (0, 0)  # idempotent
    call_command("purge_expired_personal_data", stdout=open("/dev/null", "w"))


def test_late_messages_to_an_erased_account_are_purged(rich_citizen):
    delete_account(rich_citizen)
    Email.objects.create(user=rich_citizen, email="x@erased.invalid", subject="s", body_text="b")
    assert purge_expired() == (0, 1)


def test_the_purge_is_a_scheduled_job():
    from scheduler.registry import jobs

    job = {job.name: job for job in jobs()}["purge_expired_personal_data"]
    assert job.every == 86400
