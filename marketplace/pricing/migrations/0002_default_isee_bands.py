from django.db import migrations

from marketplace.defaults import ensure_isee_bands


def seed_bands(apps, schema_editor):
    ensure_isee_bands(apps.get_model("marketplace_pricing", "IseeBand"))


class Migration(migrations.Migration):
    dependencies = [("marketplace_pricing", "0001_initial")]

    operations = [migrations.RunPython(seed_bands, migrations.RunPython.noop)]
