"""Every relation to the user model is in the export and the erasure, or excluded with a
reason: a new model with a user field fails here until its app registers a section."""

import pytest
from django.apps import apps

from marketplace.rights import registry
from marketplace.rights.erasure import delete_account

# Relations a section reads but that stay after erasure, pointing at the anonymised account.
KEPT_AFTER_ERASURE = {
    # Who moved a line (the citizen cancelling): the order history kept for accounting.
    "marketplace_fulfilment.LineStatusChange.changed_by",
    # The access log is append only: it names the anonymised account (decision 0021).
    "marketplace_privacy.DataAccess.subject",
    # Revoked delegations stay as the consent behind orders placed for the citizen.
    "marketplace_privacy.Delegation.citizen",
    # Requests that became an order stay, with their personal fields emptied.
    "marketplace_quotes.QuoteRequest.citizen",
    # Memberships and groups stay as counts (and with their orders), naming nobody.
    "marketplace_sharing.Membership.household",
    "marketplace_sharing.SharingGroup.organiser",
}


def test_every_user_relation_is_covered_or_excluded():
    relations = registry.user_relations()
    covered = registry.covered_relations()
    excluded = registry.excluded_relations()
    missing = relations - covered - set(excluded)
    assert not missing, (
        "Models with a relation to the user that no personal-data section covers: "
        f"{sorted(missing)}. Register a section (marketplace/rights/registry.py) or exclude "
        "it with a reason."
    )


def test_no_relation_is_both_covered_and_excluded_nor_stale():
    relations = registry.user_relations()
    covered = registry.covered_relations()
    excluded = set(registry.excluded_relations())
    assert not covered & excluded
    assert (covered | excluded) <= relations, sorted((covered | excluded) - relations)
    assert all(reason for reason in registry.excluded_relations().values())


def test_register_checks_the_relation_names():
    with pytest.raises(ValueError):
        registry.register("x", title="x", collect=lambda u: [], covers=["Order.user"])
    with pytest.raises(ValueError):
        registry.exclude("a.B.c", "")


@pytest.mark.django_db
def test_after_erasure_no_covered_relation_points_at_the_citizen(rich_citizen):
    delete_account(rich_citizen)
    for relation in sorted(registry.covered_relations() - KEPT_AFTER_ERASURE):
        app_label, model_name, field_name = relation.split(".")
        model = apps.get_model(app_label, model_name)
        assert not model._default_manager.filter(**{field_name: rich_citizen}).exists(), relation
