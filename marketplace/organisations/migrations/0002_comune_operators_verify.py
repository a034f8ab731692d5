from django.db import migrations


def grant(apps, schema_editor):
    from marketplace.organisations.roles import grant_organisation_permissions

    grant_organisation_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace_organisations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
