import datetime

from django.db import migrations, models


class Migration(migrations.Migration):
    """Shared price tiers get validity dates, like the ISEE bands (decision 0019, amendment).

    Existing tiers become valid from 1 January 2020, before any offer or group of the
    portal, so every group keeps the prices it had."""

    dependencies = [
        ("marketplace_sharing", "0002_sharinggroup_organisation"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="pricetier", name="sharing_tier_unique_start"),
        migrations.AddField(
            model_name="pricetier",
            name="valid_from",
            field=models.DateField(default=datetime.date(2020, 1, 1), verbose_name="valid from"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="pricetier",
            name="valid_until",
            field=models.DateField(blank=True, null=True, verbose_name="valid until"),
        ),
        migrations.AlterModelOptions(
            name="pricetier",
            options={
                "ordering": ["stockrecord", "-valid_from", "min_households"],
                "verbose_name": "shared price tier",
                "verbose_name_plural": "shared price tiers",
            },
        ),
        migrations.AddConstraint(
            model_name="pricetier",
            constraint=models.UniqueConstraint(
                fields=("stockrecord", "valid_from", "min_households"),
                name="sharing_tier_unique_start",
            ),
        ),
        migrations.AddConstraint(
            model_name="pricetier",
            constraint=models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="sharing_tier_until_ge_from",
            ),
        ),
    ]
