"""Provider staff see and edit only their own provider's subtree; editors everything."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_provider_gets_its_own_staff_group(provider, other_provider):
    provider.refresh_from_db()
    other_provider.refresh_from_db()
    assert provider.staff_group is not None
    assert provider.staff_group != other_provider.staff_group


def test_staff_edit_their_provider_and_its_services_only(
    provider, service, other_provider, other_service, provider_staff
):
    for page in (provider, service):
        permissions = page.permissions_for_user(provider_staff)
        assert permissions.can_edit()
        assert not permissions.can_publish()
        assert not permissions.can_delete()
    for page in (other_provider, other_service, provider.get_parent()):
        assert not page.permissions_for_user(provider_staff).can_edit()


def test_staff_cannot_open_another_providers_pages_in_the_admin(
    client, provider, service, other_provider, other_service, provider_staff
):
    client.force_login(provider_staff)
    own = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk]))
    assert own.status_code == 200
    for page in (other_provider, other_service):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code in (302, 403)
        assert other_service.title not in response.content.decode()


def test_explorer_lists_only_the_staff_members_own_subtree(
    client, provider, service, other_provider, other_service, provider_staff
):
    client.force_login(provider_staff)
    listing = client.get(reverse("wagtailadmin_explore", args=[provider.pk]))
    assert listing.status_code == 200
    assert service.title in listing.content.decode()
    # The provider index (parent of both providers) is not explorable: Wagtail sends the
    # user back to their own provider page, so provider B is never listed.
    index = client.get(reverse("wagtailadmin_explore", args=[provider.get_parent().pk]),
                       follow=True)
    html = index.content.decode()
    assert other_provider.title not in html
    assert other_service.title not in html
    other = client.get(reverse("wagtailadmin_explore", args=[other_provider.pk]), follow=True)
    assert other_service.title not in other.content.decode()


def test_admin_search_finds_only_own_pages(
    client, provider, service, other_provider, other_service, provider_staff, editor
):
    client.force_login(provider_staff)
    for query in ("sitter", "Rondine", "Badante"):
        html = client.get(reverse("wagtailadmin_pages:search"), {"q": query}).content.decode()
        assert other_service.title not in html
        assert other_provider.title not in html
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "Badante"}).content.decode()
    assert service.title in html
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "sitter"}).content.decode()
    assert other_service.title in html


def test_staff_cannot_touch_the_taxonomy(client, provider_staff, taxonomy):
    client.force_login(provider_staff)
    need = taxonomy["needs"][0]
    for url in (
        reverse("wagtailsnippets_content_taxonomy_need:list"),
        reverse("wagtailsnippets_content_taxonomy_need:edit", args=[need.pk]),
        reverse("wagtailsnippets_content_taxonomy_zone:add"),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert not provider_staff.has_perm("content_taxonomy.change_need")


def test_editors_manage_everything(client, editor, provider, service, other_service, taxonomy):
    for page in (provider, service, other_service, provider.get_parent()):
        permissions = page.permissions_for_user(editor)
        assert permissions.can_edit() and permissions.can_publish()
    for codename in ("add_need", "change_zone", "delete_audience"):
        assert editor.has_perm(f"content_taxonomy.{codename}")
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_content_taxonomy_need:list"))
    assert response.status_code == 200
    assert taxonomy["category"].name in response.content.decode()
