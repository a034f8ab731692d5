from django.db import migrations

from marketplace.quotes.roles import grant_quote_statistics


def grant(apps, schema_editor):
    grant_quote_statistics(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_quotes", "0001_initial"),
        ("marketplace_fulfilment", "0002_comune_operators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
