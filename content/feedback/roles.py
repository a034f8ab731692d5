"""The Comune's right to see and handle every rating and problem report.

The "Comune editors" (``content.core.roles``) and the "Comune operators"
(``marketplace.fulfilment.roles``) see the ratings and reports of every page and the general
reports sent from the "report a problem" page, and mark reports handled. Provider staff see
those about their own pages only and cannot close them (``content.feedback.access``).

Takes an ``apps`` registry (data migrations pass historical models); creates the permission
rows if Django has not yet (it does so only after all migrations). Idempotent.
"""

from django.apps import apps as global_apps

COMUNE_FEEDBACK_PERMISSIONS = [
    ("problemreport", "view_problemreport", "Can view problem report"),
    ("problemreport", "change_problemreport", "Can change problem report"),
    ("pagerating", "view_pagerating", "Can view page rating"),
]


def grant_comune_feedback_permissions(group, apps=global_apps):
    """Give ``group`` the permissions to see every rating and report and to handle reports."""
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, codename, name in COMUNE_FEEDBACK_PERMISSIONS:
        content_type = ContentType.objects.get_or_create(app_label="content_feedback", model=model)[
            0
        ]
        permission = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        group.permissions.add(permission)
    return group
