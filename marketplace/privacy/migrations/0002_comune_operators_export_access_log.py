"""Comune operators export the access log (and read it in the admin)."""

from django.db import migrations

GROUP_NAME = "Comune operators"
PERMISSIONS = [
    ("export_dataaccess", "Can export the access log"),
    ("view_dataaccess", "Can view access to personal data"),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="marketplace_privacy", model="dataaccess"
    )
    for codename, name in PERMISSIONS:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_privacy", "0001_initial"),
        ("marketplace_fulfilment", "0002_comune_operators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
