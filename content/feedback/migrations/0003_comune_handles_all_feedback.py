"""The Comune editors and the Comune operators see and handle every rating and problem report.

0002 granted the feedback permissions to Wagtail's "Moderators" group, which the roles
migration had renamed "Comune editors" by then, so nobody but the superuser had them. New
databases get them from ``content.core.roles`` and ``marketplace.fulfilment.roles``; this
repairs existing ones.
"""

from django.db import migrations

from content.feedback.roles import COMUNE_FEEDBACK_PERMISSIONS, grant_comune_feedback_permissions

COMUNE_GROUPS = ["Comune editors", "Comune operators"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=COMUNE_GROUPS):
        grant_comune_feedback_permissions(group, apps)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [codename for _model, codename, _name in COMUNE_FEEDBACK_PERMISSIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="content_feedback", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=COMUNE_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("content_feedback", "0002_editor_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
