from django.db import migrations

from marketplace.defaults import ensure_product_class_and_options


def create(apps, schema_editor):
    ensure_product_class_and_options(
        apps.get_model("catalogue", "ProductClass"), apps.get_model("catalogue", "Option")
    )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_product_pricing_kind_product_service_key")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
