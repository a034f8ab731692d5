"""The Comune editors group and the "Comune moderation" workflow that provider staff submit to.

The logic lives in ``content.core.roles`` (shared with the demo seeder and the tests); here it
runs with historical models, after making sure the permissions it grants exist (Django creates
them only after all migrations, on ``post_migrate``).
"""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

from content.core.roles import setup_roles


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    setup_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("content_providers", "0002_initial"),
        ("content_taxonomy", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
