"""The "Operatori Spazi WeMi" group: Wagtail admin access (the operator's desk lives there),
nothing else. The logic lives in ``content.spaces.operators`` (shared with the demo seeder and
the tests); here it runs with historical models, after making sure the permission exists
(Django creates permissions only after all migrations, on ``post_migrate``).
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

from content.spaces.operators import SPACE_OPERATORS_GROUP, ensure_space_operators_group


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("wagtailadmin")
    app_config.models_module = True
    create_contenttypes(app_config, apps=apps, verbosity=0)
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_space_operators_group(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SPACE_OPERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content_spaces", "0003_space_operator"),
        ("wagtailadmin", "0006_formstate"),
        # Wagtail's own migrations give "choose" images and documents to every group with
        # admin access that exists when they run: the operators' group comes after them.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
