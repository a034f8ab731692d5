"""The "Comune operators" group (see ``marketplace.fulfilment.roles``)."""

from django.db import migrations

from marketplace.fulfilment.roles import OPERATORS_GROUP, ensure_operators_group


def create_group(apps, schema_editor):
    ensure_operators_group(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=OPERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_fulfilment", "0001_initial"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
