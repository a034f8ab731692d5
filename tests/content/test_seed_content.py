"""The demo command builds the city and is idempotent."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from wagtail.models import Page, Revision

from content.news.models import NewsPage
from content.providers.models import ProviderPage
from content.services.models import ServicePage
from content.spaces.models import SpacePage
from content.taxonomy.models import Audience, Need, Zone

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "providers": ProviderPage.objects.count(),
        "services": ServicePage.objects.count(),
        "live services": ServicePage.objects.live().count(),
        "spaces": SpacePage.objects.count(),
        "news": NewsPage.objects.count(),
        "needs": Need.objects.count(),
        "zones": Zone.objects.count(),
        "audiences": Audience.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "service facts": sorted(
            (s.slug, tuple(s.needs.values_list("slug", flat=True)), s.accredited)
            for s in ServicePage.objects.all()
        ),
    }


def test_refuses_to_run_with_debug_off_unless_forced(home_page, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_content", scale=0.05)


def test_seed_twice_gives_the_same_site(home_page, client):
    call_command("seed_content", scale=0.05, force=True)
    first = snapshot()
    call_command("seed_content", scale=0.05, force=True)
    assert snapshot() == first

    assert first["providers"] == 3 and first["services"] == 15
    assert first["zones"] == 9 + 68  # the Municipi and their quartieri
    assert Zone.objects.filter(kind="municipio").count() == 9
    assert Need.objects.filter(parent__isnull=True).count() == 8
    # Every service is published with a revision, and its sections are filled in.
    for service in ServicePage.objects.all():
        assert service.live and service.latest_revision_id
        assert service.needs.exists() and service.audiences.exists()
        assert service.serves_whole_city or service.zones.exists()
        assert service.how_to_access and service.description and service.costs


def test_seeded_site_renders_and_accounts_have_the_right_rights(home_page, client):
    call_command("seed_content", scale=0.05, force=True)
    request = RequestFactory().get("/")  # django-axes reads the client from the request
    editor = authenticate(request, email="editor@wemi.example", password="wemi-editor")
    assert editor and editor.groups.filter(name="Comune editors").exists()
    admin = authenticate(request, email="admin@wemi.example", password="wemi-admin")
    assert admin and admin.is_superuser
    for provider in ProviderPage.objects.all():
        staff = authenticate(
            request, email=f"staff+{provider.slug}@wemi.example", password="wemi-provider"
        )
        assert staff is not None
        assert list(staff.groups.all()) == [provider.staff_group]
        service = ServicePage.objects.child_of(provider).first()
        if service:
            assert service.permissions_for_user(staff).can_edit()
            assert not service.permissions_for_user(staff).can_publish()

    html = client.get("/it/").content.decode()
    assert "Assistenza domiciliare" in html and "Spazio WeMi" in html
    for guide in ("dichiarazione-di-accessibilita", "privacy", "faq", "note-legali"):
        assert f'href="/it/{guide}/"' in html  # footer links
    assert 'href="/it/come-funziona/"' in html  # main menu
    for model in (ServicePage, ProviderPage, SpacePage, NewsPage):
        page = model.objects.live().first()
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
    guides = client.get("/it/come-funziona/")
    assert guides.status_code == 200
