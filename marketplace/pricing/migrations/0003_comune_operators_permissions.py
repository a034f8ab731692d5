"""Comune operators edit the ISEE bands and check (verify) citizens' declarations."""

from django.db import migrations

GROUP_NAME = "Comune operators"
PERMISSIONS = [
    ("iseeband", ["add", "change", "delete", "view"]),
    ("iseedeclaration", ["add", "change", "view", "verify"]),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for model, actions in PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="marketplace_pricing", model=model
        )
        for action in actions:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_pricing", "0002_default_isee_bands"),
        ("marketplace_fulfilment", "0002_comune_operators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
