"""Households racing for the last places of a group, and two closers at once, on PostgreSQL
(row locks) and SQLite (the database lock): exactly as many members as places, clear
"the group is full" answers for the others, one order per member."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.sharing import groups, rules
from marketplace.sharing.models import Membership, SharingGroup
from tests.threads import run_together

from .conftest import group_terms

Order = get_model("order", "Order")

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def test_many_households_few_places(shared_offer, organiser, zones):
    joiners, places = (50, 10) if connection.vendor == "postgresql" else (8, 3)
    group, _token = groups.start_group(
        shared_offer, organiser, "it", **group_terms(zones, max_households=places + 1)
    )
    clients = []
    for number in range(joiners):
        client = Client()
        client.force_login(shop.make_citizen(f"corsa{number}@wemi.example"))
        clients.append(client)
    with translation.override("it"):
        url = reverse("marketplace_sharing:join", kwargs={"pk": group.pk})

    with translation.override("it"):
        full_message = escape(gettext("The group is full: no household can join any more."))

    def join(client):
        # The page's HTML, not response.context: the test client's context capture is
        # shared by the threads.
        response = client.post(url, follow=True)
        return response.status_code, full_message in response.content.decode()

    answers = run_together(*[lambda client=client: join(client) for client in clients])

    assert [item for item in answers if not isinstance(item, tuple)] == []
    assert {status for status, _messages in answers} == {200}
    full = [item for item in answers if item[1]]
    assert len(full) == joiners - places
    group.refresh_from_db()
    active = Membership.objects.filter(group=group, status__in=Membership.ACTIVE).count()
    assert group.households_count == active == places + 1


def test_two_closers_give_one_order_per_member(shared_offer, organiser, zones):
    group, _token = groups.start_group(
        shared_offer, organiser, "it", **group_terms(zones, min_households=2)
    )
    for number in range(3):
        groups.join(group, shop.make_citizen(f"membro{number}@wemi.example"), "it")
    SharingGroup.objects.filter(pk=group.pk).update(deadline=timezone.now())

    outcomes = run_together(
        lambda: groups.close_group(group.pk),
        lambda: groups.close_group(group.pk),
        groups.close_due_groups,
    )

    assert [item for item in outcomes if isinstance(item, Exception)] == []
    assert outcomes[:2].count(rules.CONFIRM) + outcomes[2][rules.CONFIRM] == 1
    assert Order.objects.count() == 4
    shared_offer.refresh_from_db()
    assert shared_offer.num_allocated == 1
