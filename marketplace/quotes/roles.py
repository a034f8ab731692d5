"""Comune operators see the quote statistics and read the threads reported to the Comune.

Called by this app's data migration (historical models) and by the demo seeder; idempotent.
"""

from django.apps import apps as global_apps

OPERATORS_GROUP = "Comune operators"


def grant_quote_statistics(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=OPERATORS_GROUP)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="marketplace_quotes", model="quoterequest"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_quote_statistics",
        defaults={"name": "Can see quote statistics and reports"},
    )
    group.permissions.add(permission)
    return group
