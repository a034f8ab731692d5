"""The "Comune translators" group (decision 0002): edit the translated pages, submit them to the
"Comune moderation" workflow, never publish.

The logic lives in ``content.core.roles`` (shared with the demo seeder and the tests); here it
runs with historical models, after making sure the permissions it grants exist (Django creates
them only after all migrations, on ``post_migrate``).
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

from content.core.roles import TRANSLATORS_GROUP, ensure_translators_group


def create_translators(apps, schema_editor):
    for label in ("wagtailadmin", "wagtailcore"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_translators_group(apps)


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=TRANSLATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content_core", "0003_sync_locales_from_italian"),
        ("content_providers", "0003_comune_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
