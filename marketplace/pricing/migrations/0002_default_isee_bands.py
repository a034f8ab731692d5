import datetime
from decimal import Decimal

from django.db import migrations

# The Comune's default bands: ISEE up to 6,000 EUR pays nothing, up to 15,000 pays 30 %,
# up to 27,000 pays 60 %, above (or without an ISEE) pays the full tariff.
DEFAULT_BANDS = [
    (Decimal("6000.00"), Decimal("0")),
    (Decimal("15000.00"), Decimal("30")),
    (Decimal("27000.00"), Decimal("60")),
    (None, Decimal("100")),
]


def seed_bands(apps, schema_editor):
    IseeBand = apps.get_model("marketplace_pricing", "IseeBand")
    if IseeBand.objects.exists():
        return
    for upper_bound, share in DEFAULT_BANDS:
        IseeBand.objects.create(
            upper_bound=upper_bound, share_percent=share, valid_from=datetime.date(2024, 1, 1)
        )


class Migration(migrations.Migration):
    dependencies = [("marketplace_pricing", "0001_initial")]

    operations = [migrations.RunPython(seed_bands, migrations.RunPython.noop)]
