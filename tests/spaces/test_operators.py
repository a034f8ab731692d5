"""The Spazio operator role: a group with admin access, one row per Spazio served."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group

from content import factories
from content.spaces.models import SpaceOperator
from content.spaces.operators import (
    SPACE_OPERATORS_GROUP,
    is_space_operator,
    make_space_operator,
    space_keys_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spaces(home_page):
    municipio = factories.make_zone("Municipio 1", number=1)
    return [
        factories.make_space("Spazio WeMi Centro", municipio=municipio),
        factories.make_space("Spazio WeMi Nord", municipio=municipio),
    ]


def test_the_migration_creates_the_group_with_admin_access():
    group = Group.objects.get(name=SPACE_OPERATORS_GROUP)
    assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]


def test_an_operator_sees_only_the_spazi_they_serve(spaces):
    User = get_user_model()
    operator = User.objects.create_user(email="op@wemi.example", password="x")
    other = User.objects.create_user(email="other@wemi.example", password="x")
    assert space_keys_for(operator) == set() and not is_space_operator(operator)

    make_space_operator(operator, spaces[0])
    make_space_operator(operator, spaces[0])  # idempotent
    assert SpaceOperator.objects.filter(user=operator).count() == 1
    assert space_keys_for(operator) == {spaces[0].translation_key}
    assert is_space_operator(operator)
    assert operator.groups.filter(name=SPACE_OPERATORS_GROUP).exists()
    assert operator.has_perm("wagtailadmin.access_admin")
    assert space_keys_for(other) == set() and not is_space_operator(other)


def test_anonymous_and_inactive_users_operate_nothing(spaces):
    operator = get_user_model().objects.create_user(email="op@wemi.example", password="x")
    make_space_operator(operator, spaces[1])
    assert space_keys_for(AnonymousUser()) == set()
    assert space_keys_for(None) == set()
    operator.is_active = False
    assert space_keys_for(operator) == set()
