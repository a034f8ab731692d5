"""Wagtail's Editors and Moderators see every page's feedback and handle reports;
Moderators also choose the footer's pages."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FEEDBACK_PERMISSIONS = ["view_problemreport", "change_problemreport", "view_pagerating"]
GRANTS = {
    "Editors": FEEDBACK_PERMISSIONS,
    "Moderators": [*FEEDBACK_PERMISSIONS, "change_footersettings"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("content_feedback")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="content_feedback", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="content_feedback")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("content_feedback", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
