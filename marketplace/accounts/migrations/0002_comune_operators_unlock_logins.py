"""Comune operators see the logins locked by django-axes and unlock them (delete the
attempt) in /cms/ (marketplace.accounts.wagtail_hooks)."""

from django.db import migrations

GROUP_NAME = "Comune operators"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="axes", model="accessattempt"
    )
    for action in ("view", "delete"):
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_accessattempt",
            defaults={"name": f"Can {action} access attempt"},
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_accounts", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
        ("marketplace_fulfilment", "0002_comune_operators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
