"""Comune operators manage voucher funds (``marketplace.fulfilment.roles``)."""

from django.db import migrations

from marketplace.fulfilment.roles import OPERATORS_GROUP


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=OPERATORS_GROUP)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="marketplace_ledger", model="fund")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="manage_vouchers",
        defaults={"name": "Can manage voucher funds and vouchers"})
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_ledger", "0001_initial"),
        ("marketplace_fulfilment", "0002_comune_operators_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
