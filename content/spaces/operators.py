"""The Spazio operator role: people who work at the desk of one or more Spazi WeMi.

An operator belongs to the group ``SPACE_OPERATORS_GROUP`` (Wagtail admin access, where the
operator's desk lives) and has one ``SpaceOperator`` row per Spazio they serve. The row
names the Spazio by its page's ``translation_key`` (a UUID shared by every translation), so
what an operator may see never depends on the language they browse in.

Every view of the desk asks ``space_keys_for(user)`` and filters by it: a Spazio outside the
set is answered 404, exactly like a provider's staff and other providers' orders.
"""

from uuid import UUID

from django.apps import apps as global_apps

SPACE_OPERATORS_GROUP = "Operatori Spazi WeMi"


def space_keys_for(user) -> set[UUID]:
    """The ``translation_key`` of every Spazio ``user`` operates; empty for anyone else
    (anonymous, inactive, or simply not an operator). Superusers get no implicit Spazi:
    the desk is for the people at the desk."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    from content.spaces.models import SpaceOperator

    return set(SpaceOperator.objects.filter(user=user).values_list("space_key", flat=True))


def is_space_operator(user) -> bool:
    """Whether ``user`` operates at least one Spazio WeMi."""
    return bool(space_keys_for(user))


def ensure_space_operators_group(apps=global_apps):
    """The "Operatori Spazi WeMi" group, with access to the Wagtail admin (their desk) and
    nothing else: no page, snippet or image permissions. Idempotent; takes an ``apps``
    registry so the data migration can call it with historical models."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=SPACE_OPERATORS_GROUP)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(access_admin)
    return group


def make_space_operator(user, space_page):
    """Make ``user`` an operator of the Spazio ``space_page`` (any translation of it):
    adds the group and the ``SpaceOperator`` row if missing. Returns the row."""
    from content.spaces.models import SpaceOperator

    user.groups.add(ensure_space_operators_group())
    operator, _created = SpaceOperator.objects.get_or_create(
        user=user, space_key=space_page.translation_key
    )
    return operator
