"""The Comune editors manage the Spazi's desk services, activities, operators, appointment
hours and closure days (snippets in the Wagtail admin)."""

from django.db import migrations

MODELS = {
    "content_appointments": ["deskservice", "activity", "slotrule", "closure"],
    "content_spaces": ["spaceoperator"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from content.core.roles import EDITORS_GROUP

    for label in MODELS:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is None:
        return
    for label, models in MODELS.items():
        for model in models:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=label,
                    codename__in=[
                        f"{action}_{model}" for action in ("add", "change", "delete", "view")
                    ],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("content_appointments", "0002_closure_space_select"),
        ("content_spaces", "0005_space_operator_space_select"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("content_providers", "0003_comune_roles"),  # creates the Comune editors group
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
