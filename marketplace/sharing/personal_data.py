"""What sharing groups hold about a citizen, for "download my data" and account deletion
(marketplace/rights/registry.py). Erasure leaves every group still forming (the household
count falls, as with "Leave"); memberships that became orders stay with the orders, naming
the anonymised account only."""

from django.utils.translation import gettext_lazy as _

from marketplace.rights.registry import exclude, model_record, register

from .models import Membership, SharingGroup


def sharing_data(user):
    records = [
        model_record(m, ["group", "status", "price_cap", "joined_at"])
        for m in Membership.objects.filter(household=user).select_related("group")
    ]
    records += [
        model_record(g, ["context", "status", "min_households", "max_households", "deadline"])
        for g in SharingGroup.objects.filter(organiser=user)
    ]
    return records


def erase_sharing(user, now):
    from .groups import SharingError, leave

    for membership in Membership.objects.filter(
        household=user, status=Membership.Status.JOINED,
        group__status=SharingGroup.Status.FORMING,
    ).select_related("group"):
        try:
            leave(membership.group, user)
        except SharingError:
            pass  # the group closed meanwhile: its order is handled by the orders section


register(
    "sharing",
    title=_("Sharing groups"),
    collect=sharing_data,
    erase=erase_sharing,
    covers=[
        "marketplace_sharing.Membership.household",
        "marketplace_sharing.SharingGroup.organiser",
    ],
    order=66,
)
exclude(
    "marketplace_sharing.GroupStatusChange.changed_by",
    "who moved a group (organiser, staff or the sweep): the group's history; the account is "
    "anonymised, so it names nobody after erasure",
)
