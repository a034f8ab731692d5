import pytest
from django.contrib.auth.models import Permission

from .conftest import make_user

pytestmark = pytest.mark.django_db


def make_staff(**flags):
    user = make_user()
    for flag, value in flags.items():
        setattr(user, flag, value)
    user.save()
    return user


DASHBOARD_URLS = ["/it/shop/dashboard/", "/it/shop/dashboard/orders/"]


@pytest.mark.parametrize("url", DASHBOARD_URLS)
def test_anonymous_is_sent_to_the_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("url", DASHBOARD_URLS)
def test_staff_and_partner_users_are_refused(client, url):
    staff = make_staff(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="dashboard_access"))
    client.force_login(staff)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", DASHBOARD_URLS)
def test_superusers_use_it(client, url):
    client.force_login(make_staff(is_staff=True, is_superuser=True))
    assert client.get(url).status_code == 200
