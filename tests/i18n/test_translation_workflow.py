"""A translator translates a page end to end in the admin: submit, translate, publish, read."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringSegment, Translation

from content.services.models import ServicePage

from .conftest import SERVICE_EN

pytestmark = pytest.mark.django_db


@pytest.fixture
def comune_translator(django_user_model, home_page):
    """A Comune editor who may translate: admin access, edit and publish every page."""
    group = Group.objects.create(name="Translators (test)")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="wagtail_localize", codename="submit_translation"
        ),
    )
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user(
        email="translator@wemi.example", password="x"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def provider_staff(django_user_model, provider):
    user = django_user_model.objects.create_user(email="staff@wemi.example", password="x")
    provider.refresh_from_db()
    user.groups.add(provider.staff_group)
    return user


def translate_through_the_admin(client, source, locale, strings):
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[source.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302
    target = Page.objects.get(translation_key=source.translation_key, locale=locale)
    assert target.alias_of_id is None
    translation = Translation.objects.get(
        source__object_id=source.translation_key, target_locale=locale
    )
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert edit.status_code == 200
    assert "wagtail-localize" in edit.content.decode()
    for segment in StringSegment.objects.filter(source=translation.source).select_related(
        "string"
    ):
        if segment.string.data in strings:
            response = client.put(
                reverse(
                    "wagtail_localize:edit_string_translation",
                    args=[translation.pk, segment.pk],
                ),
                urlencode({"value": strings[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201), response.content
    return target, translation


def test_translate_a_service_end_to_end_in_the_admin(client, comune_translator, synced_site,
                                                      locales):
    client.force_login(comune_translator)
    target, _translation = translate_through_the_admin(
        client, synced_site, locales["en"], {**SERVICE_EN, "badante-a-ore": "hourly-care-worker"}
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"}
    )
    assert response.status_code == 302
    target = ServicePage.objects.get(pk=target.pk)
    assert target.live and target.title == "Hourly care worker"
    assert target.url.endswith(
        "/en/enti/cooperativa-sociale-girasole-immaginario/hourly-care-worker/"
    )
    client.logout()
    html = client.get(target.url).content.decode()
    assert "An hourly care worker for elderly people." in html
    assert "Call the cooperative." in html
    assert 'data-element="translation-notice"' not in html
    # The other languages still read the Italian text, with the notice.
    spanish = client.get(synced_site.get_translation(locales["es"]).url).content.decode()
    assert 'data-element="translation-notice"' in spanish


def refused(response):
    """Wagtail's admin answers a permission error with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_only_who_may_publish_publishes_a_translation(client, comune_translator, provider_staff,
                                                      synced_site, locales):
    client.force_login(comune_translator)
    target, translation = translate_through_the_admin(
        client, synced_site, locales["ar"], {"Badante a ore": "عاملة رعاية بالساعة"}
    )
    # wagtail-localize publishes a started translation of a live page at once, falling back
    # to the Italian strings: the reader is told that part of it is not translated yet.
    html = client.get(ServicePage.objects.get(pk=target.pk).url).content.decode()
    assert 'data-element="translation-notice"' in html
    assert "لم يُترجم جزء من هذه الصفحة إلى لغتك بعد" in html  # "Part of this page..."
    client.force_login(provider_staff)
    # Provider staff edit their Italian pages only: not the translation, nor its strings.
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[target.pk])))
    segment = StringSegment.objects.filter(source=translation.source).first()
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        urlencode({"value": "x"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 403
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"}
    )
    assert refused(response)
    assert ServicePage.objects.get(pk=target.pk).title == "Badante a ore"


def test_provider_staff_cannot_alter_a_translations_facts(
    client, provider_staff, english_service, service, taxonomy
):
    client.force_login(provider_staff)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[english_service.pk]),
        {"title": english_service.title, "needs": [taxonomy["needs"][1].pk], "action": "publish"},
    )
    assert refused(response)
    english_service = ServicePage.objects.get(pk=english_service.pk)
    assert english_service.facts["needs"] == [taxonomy["needs"][0].slug]
    assert list(english_service.needs.all()) == [taxonomy["needs"][0]]
