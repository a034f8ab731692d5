from django.db import migrations

SERVICE_CLASS = {"slug": "service", "name": "Servizio", "requires_shipping": False, "track_stock": True}
OPTIONS = [
    ("start_date", "Data di inizio preferita", "date"),
    ("frequency", "Frequenza", "text"),
    ("service_street", "Indirizzo del servizio", "text"),
    ("service_zone", "Zona", "text"),
]


def create(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    Option = apps.get_model("catalogue", "Option")
    ProductClass.objects.update_or_create(
        slug=SERVICE_CLASS["slug"],
        defaults={key: value for key, value in SERVICE_CLASS.items() if key != "slug"},
    )
    for code, name, kind in OPTIONS:
        Option.objects.update_or_create(code=code, defaults={"name": name, "type": kind})


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_product_pricing_kind_product_service_key")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
