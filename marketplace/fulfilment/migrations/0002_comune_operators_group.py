"""The "Comune operators" group: Comune staff who follow every order and set tariffs."""

from django.db import migrations

GROUP_NAME = "Comune operators"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("marketplace_fulfilment", "linefulfilment", "view_all_orders", "Can see and export every order"),
    (
        "marketplace_fulfilment",
        "linefulfilment",
        "change_accredited_tariff",
        "Can set the accredited tariff of offers",
    ),
]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": name},
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_fulfilment", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
