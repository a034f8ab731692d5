"""The "Comune operators" group: Comune staff who follow every order and set the tariffs, and
see and handle every rating and problem report (``content.feedback.roles``).

Functions take an ``apps`` registry so that the data migration can call them with historical
models, and the demo seeder and the tests with the live ones. Idempotent.
"""

from django.apps import apps as global_apps

from content.feedback.roles import grant_comune_feedback_permissions

OPERATORS_GROUP = "Comune operators"
OPERATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    (
        "marketplace_fulfilment",
        "linefulfilment",
        "view_all_orders",
        "Can see and export every order",
    ),
    (
        "marketplace_fulfilment",
        "linefulfilment",
        "change_accredited_tariff",
        "Can set the accredited tariff of offers",
    ),
    (
        "marketplace_ledger",
        "fund",
        "manage_vouchers",
        "Can manage voucher funds and vouchers",
    ),
]


def ensure_operators_group(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=OPERATORS_GROUP)
    for app_label, model, codename, name in OPERATOR_PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)
    grant_comune_feedback_permissions(group, apps)
    return group
