"""Comune operators verify organisations: they may see and change them in /cms/.

Takes an ``apps`` registry so the data migration can call it with historical models and the
tests with the live ones. Idempotent."""

from django.apps import apps as global_apps

OPERATORS_GROUP = "Comune operators"
PERMISSIONS = [
    ("organisation", "view_organisation", "Can view organisation"),
    ("organisation", "change_organisation", "Can change organisation"),
    ("organisationorder", "view_organisationorder", "Can view order billed to an organisation"),
]


def grant_organisation_permissions(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=OPERATORS_GROUP)
    for model, codename, name in PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="marketplace_organisations", model=model
        )
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)
    return group
