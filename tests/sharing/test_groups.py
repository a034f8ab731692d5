"""Groups form, close once, and give each household an order at its own price."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.sharing import groups, rules
from marketplace.sharing.models import Membership, SharingGroup

from .conftest import group_terms

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def join_many(group, count, isee="12000"):
    members = []
    for _number in range(count):
        user = shop.make_citizen(isee=isee)
        groups.join(group, user, "it")
        members.append(user)
    return members


def test_start_makes_the_organiser_the_first_member(group, organiser):
    assert group.households_count == 1
    membership = Membership.objects.get(group=group)
    assert membership.household == organiser
    assert membership.price_cap == Decimal("20.00")  # alone: the individual price


def test_price_cap_falls_as_households_join(group):
    first, second, third = join_many(group, 3)
    caps = [Membership.objects.get(group=group, household=user).price_cap
            for user in (first, second, third)]
    assert caps == [Decimal("15.00"), Decimal("15.00"), Decimal("12.00")]
    group.refresh_from_db()
    assert group.households_count == 4
    assert group.current_price == Decimal("12.00")


def test_join_twice_and_full_and_closed(group, shared_offer, organiser, zones):
    with pytest.raises(groups.AlreadyMember):
        groups.join(group, organiser, "it")
    small, _token = groups.start_group(
        shared_offer,
        shop.make_citizen("altra@wemi.example"),
        "it",
        **group_terms(zones, min_households=2, max_households=2),
    )
    groups.join(small, organiser, "it")
    with pytest.raises(groups.GroupFull):
        groups.join(small, shop.make_citizen("terza@wemi.example"), "it")
    SharingGroup.objects.filter(pk=group.pk).update(deadline=timezone.now())
    with pytest.raises(groups.GroupNotForming):
        groups.join(group, shop.make_citizen("tardi@wemi.example"), "it")


def test_leave_gives_the_place_back(group):
    (member,) = join_many(group, 1)
    groups.leave(group, member)
    group.refresh_from_db()
    assert group.households_count == 1
    with pytest.raises(groups.NotMember):
        groups.leave(group, member)
    groups.join(group, member, "it")  # and may join again
    assert group.memberships.filter(household=member).count() == 2


def test_invite_token_is_hashed_revocable_and_expires(group):
    token = groups.new_invite_token(group)
    assert token not in group.invite_token_hash
    assert groups.group_for_invite(token) == group
    assert groups.group_for_invite("wrong") is None
    groups.revoke_invite(group)
    assert groups.group_for_invite(token) is None
    token = groups.new_invite_token(group)
    SharingGroup.objects.filter(pk=group.pk).update(deadline=timezone.now())
    assert groups.group_for_invite(token) is None


def test_confirm_places_one_order_per_household_at_their_price(
    group, shared_offer, organiser, django_capture_on_commit_callbacks
):
    rich = shop.make_citizen("ricca@wemi.example", isee="40000")
    groups.join(group, rich, "en")
    poor = shop.make_citizen("povera@wemi.example", isee="5000")
    groups.join(group, poor, "ar")
    third = shop.make_citizen("terzo@wemi.example", isee="12000")
    groups.join(group, third, "it")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = groups.close_group(group.pk, by=organiser, early=True)

    assert outcome == rules.CONFIRM
    group.refresh_from_db()
    assert (group.status, group.final_households, group.final_unit_price) == (
        "confirmed", 4, Decimal("12.00")
    )
    assert Order.objects.count() == 4
    charged = {}
    for membership in group.memberships.select_related("order_line__order"):
        line = membership.order_line
        assert membership.status == "ordered"
        assert line.order.user == membership.household
        # Full price: the member's cap or the final price, whichever is lower.
        assert line.full_unit_price == rules.member_charge(membership.price_cap, Decimal("12"))
        assert line.line_price_excl_tax + line.comune_contribution == line.full_unit_price
        charged[membership.household.email] = (line.line_price_excl_tax, line.order.language)
    assert charged["ricca@wemi.example"] == (Decimal("12.00"), "en")  # full tariff
    assert charged["povera@wemi.example"] == (Decimal("0.00"), "ar")  # ISEE band 0 %
    assert charged["terzo@wemi.example"] == (Decimal("3.60"), "it")  # 30 % of 12
    shared_offer.refresh_from_db()
    assert shared_offer.num_allocated == 1  # the group takes one place
    assert len(mail.outbox) == 4
    arabic = next(message for message in mail.outbox if message.to == ["povera@wemi.example"])
    assert "dir=\"rtl\"" in arabic.alternatives[0][0]

    # Closing again (organiser, sweep) changes nothing.
    assert groups.close_group(group.pk, by=organiser, early=True) == rules.WAIT
    call_command("close_sharing_groups")
    assert Order.objects.count() == 4
    shared_offer.refresh_from_db()
    assert shared_offer.num_allocated == 1


def test_early_close_only_by_the_organiser_and_at_minimum(group, organiser):
    (member,) = join_many(group, 1)
    assert groups.close_group(group.pk, by=organiser, early=True) == rules.WAIT  # 2 of 3
    join_many(group, 1)
    assert groups.close_group(group.pk, by=member, early=True) == rules.WAIT  # not organiser
    group.refresh_from_db()
    assert group.status == "forming"


def test_sweep_fails_a_short_group_and_nobody_is_charged(
    group, django_capture_on_commit_callbacks
):
    join_many(group, 1)
    SharingGroup.objects.filter(pk=group.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_sharing_groups")
    group.refresh_from_db()
    assert group.status == "failed"
    assert Order.objects.count() == 0
    assert set(group.memberships.values_list("status", flat=True)) == {"released"}
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_sharing_groups")
    assert len(mail.outbox) == 2
    group.offer.refresh_from_db()
    assert not group.offer.num_allocated


def test_sweep_confirms_a_due_group(group):
    join_many(group, 2)
    SharingGroup.objects.filter(pk=group.pk).update(deadline=timezone.now())
    assert groups.close_due_groups() == {rules.CONFIRM: 1, rules.FAIL: 0, rules.WAIT: 0}
    assert Order.objects.count() == 3


def test_a_group_on_a_full_offer_fails(group, shared_offer):
    join_many(group, 2)
    shared_offer.num_allocated = shared_offer.num_in_stock
    shared_offer.save()
    SharingGroup.objects.filter(pk=group.pk).update(deadline=timezone.now())
    assert groups.close_due_groups()[rules.FAIL] == 1
    assert Order.objects.count() == 0


def test_provider_accepts_and_declines_the_whole_group(group, shared_offer, organiser):
    join_many(group, 2)
    groups.close_group(group.pk, by=organiser, early=True)
    staff = shop.make_citizen("staff@wemi.example")
    moved = groups.provider_decision(
        group, staff, accept=False, reason="Nessun operatore disponibile"
    )
    assert moved == 3
    group.refresh_from_db()
    assert group.status == "declined"
    assert set(group.memberships.values_list("order_line__status", flat=True)) == {"declined"}
    shared_offer.refresh_from_db()
    assert shared_offer.num_allocated == 0


def test_the_scheduler_runs_the_sweep():
    from scheduler.registry import jobs

    assert "close_sharing_groups" in {job.command for job in jobs()}
