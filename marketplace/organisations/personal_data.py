"""What organisation accounts hold about a person, for "download my data" and account
deletion (marketplace/rights/registry.py). The organisation itself is a legal entity and
stays; the person's memberships go, and their name is taken off what they registered,
reviewed or billed."""

from django.utils.translation import gettext_lazy as _

from marketplace.rights.registry import exclude, model_record, register

from .models import Organisation, OrganisationMember, OrganisationOrder


def organisation_data(user):
    records = [
        model_record(m, ["organisation", "role", "note", "requested_at", "verified_at"])
        for m in OrganisationMember.objects.filter(user=user).select_related("organisation")
    ]
    records += [
        model_record(o, ["name", "tax_code", "address", "status", "created_at"])
        for o in Organisation.objects.filter(created_by=user)
    ]
    records += [
        model_record(o, ["order", "name", "tax_code", "households", "created_at"])
        for o in OrganisationOrder.objects.filter(placed_by=user)
    ]
    return records


def erase_organisations(user, now):
    OrganisationMember.objects.filter(user=user).delete()
    Organisation.objects.filter(created_by=user).update(created_by=None)
    OrganisationOrder.objects.filter(placed_by=user).update(placed_by=None)


register(
    "organisations",
    title=_("Organisations"),
    collect=organisation_data,
    erase=erase_organisations,
    covers=[
        "marketplace_organisations.OrganisationMember.user",
        "marketplace_organisations.Organisation.created_by",
        "marketplace_organisations.OrganisationOrder.placed_by",
    ],
    order=67,
)
exclude(
    "marketplace_organisations.Organisation.reviewed_by",
    "the Comune operator who verified or rejected a legal entity: staff work, not the "
    "citizen's data",
)
exclude(
    "marketplace_organisations.OrganisationMember.verified_by",
    "the representative who verified a membership: part of the organisation's record of "
    "its members; the verifier's own memberships are in this section",
)
