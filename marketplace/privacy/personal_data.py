"""What the delegations and the access log hold about a citizen, for "download my data" and
account deletion (marketplace/rights/registry.py).

The access log is kept after erasure: it is the Comune's record of who opened whose data
(append only, docs/decisions/0021-acting-for-and-access-log.md) and names the anonymised
account only. Delegations are revoked and kept as the consent behind orders placed for the
citizen; the assisted-account record (fiscal code, phone, document) is deleted.
"""

from django.utils.translation import gettext_lazy as _

from marketplace.rights.registry import exclude, model_record, register

from .models import AssistedAccount, DataAccess, Delegation


def delegation_data(user):
    records = [
        model_record(d, ["operator", "granted_via", "purposes", "starts_at", "ends_at",
                         "revoked_at"])
        for d in Delegation.objects.filter(citizen=user).select_related("operator")
    ]
    records += [
        model_record(a, ["fiscal_code", "phone", "document"])
        for a in AssistedAccount.objects.filter(user=user)
    ]
    return records


def erase_delegations(user, now):
    Delegation.objects.filter(citizen=user, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=user
    )
    AssistedAccount.objects.filter(user=user).delete()


def access_log_data(user):
    return [
        model_record(row, ["at", "actor", "action", "purpose", "object_type", "object_id"])
        for row in DataAccess.objects.filter(subject=user).select_related("actor")
    ]


register(
    "delegations",
    title=_("Authorisations to Spazio WeMi operators"),
    collect=delegation_data,
    erase=erase_delegations,
    covers=["marketplace_privacy.Delegation.citizen", "marketplace_privacy.AssistedAccount.user"],
    order=70,
)
register(
    "access_log",
    title=_("Who has seen your data"),
    collect=access_log_data,
    covers=["marketplace_privacy.DataAccess.subject"],
    order=80,
)
for relation, reason in [
    ("marketplace_privacy.Delegation.operator", "the operator authorised: staff work"),
    ("marketplace_privacy.Delegation.created_by", "who registered the consent: staff work"),
    ("marketplace_privacy.Delegation.revoked_by", "who revoked it (the citizen or staff): "
     "part of the consent's history, kept with the revoked delegation"),
    ("marketplace_privacy.AssistedAccount.registered_by", "the operator at the desk: staff work"),
    ("marketplace_privacy.DataAccess.actor", "the staff member who opened the data: the log's "
     "own subject is covered above"),
    ("order.Order.placed_by", "the operator who placed an order for a citizen: staff work; "
     "the order itself is in the orders section"),
]:
    exclude(relation, reason)
