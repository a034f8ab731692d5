"""Translations go through the "Comune moderation" workflow: a Comune translator translates and
submits, a Comune editor approves, readers see the words only then (decision 0003)."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import (
    GroupPagePermission,
    Page,
    PageViewRestriction,
    WorkflowPage,
    WorkflowState,
)
from wagtail_localize.models import StringSegment, Translation

from content.core.demo.city import TRANSLATOR_EMAIL, TRANSLATOR_PASSWORD, MilanDemo
from content.core.languages import synchronise_language_trees
from content.core.roles import EDITORS_GROUP, TRANSLATORS_GROUP, setup_roles
from content.core.translation_moderation import (
    ModerationStatus,
    SubmissionRefused,
    moderation_status,
    save_draft_revision,
    submission_refusal,
    submit_translation_for_moderation,
)
from content.services.models import ServicePage

from .conftest import SERVICE_EN

pytestmark = pytest.mark.django_db

ENGLISH_WORDS = {**SERVICE_EN, "badante-a-ore": "hourly-care-worker"}


@pytest.fixture
def roles(home_page):
    setup_roles()
    return {
        "editors": Group.objects.get(name=EDITORS_GROUP),
        "translators": Group.objects.get(name=TRANSLATORS_GROUP),
    }


def _user(django_user_model, email, *groups):
    user = django_user_model.objects.create_user(email=email, password="x")
    user.groups.add(*groups)
    return user


@pytest.fixture
def translator(django_user_model, roles):
    return _user(django_user_model, "traduttore@comune.example", roles["translators"])


@pytest.fixture
def editor(django_user_model, roles):
    return _user(django_user_model, "redazione@comune.example", roles["editors"])


@pytest.fixture
def provider_staff(django_user_model, provider, roles):
    provider.refresh_from_db()
    return _user(django_user_model, "staff@cooperativa.example", provider.staff_group)


@pytest.fixture
def started(client, editor, synced_site, locales, django_capture_on_commit_callbacks):
    """An editor has started the English translation (wagtail-localize's "Translate"): the alias
    became a translation, published (after commit), still with the Italian words."""
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[synced_site.pk]),
            {"locales": [locales["en"].pk]},
        )
    assert response.status_code == 302
    client.logout()
    translation = Translation.objects.get(
        source__object_id=synced_site.translation_key, target_locale=locales["en"]
    )
    page = translation.get_target_instance()
    assert page.alias_of_id is None and page.live and page.title == "Badante a ore"
    assert page.live_revision_id == page.latest_revision_id
    return translation


def put_strings(client, translation, strings):
    """Type translations into wagtail-localize's editor (its string API, as the React UI)."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        if segment.string.data in strings:
            response = client.put(
                reverse(
                    "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
                ),
                urlencode({"value": strings[segment.string.data]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code in (200, 201), response.content


def submit(client, translation):
    return client.post(reverse("content_core_submit_translation", args=[translation.pk]))


def review(client, page, action, comment=""):
    """A reviewer's decision through Wagtail's own workflow action view."""
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": comment},
    )


def editor_html(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def reader_html(client, page):
    client.logout()
    return client.get(ServicePage.objects.get(pk=page.pk).url).content.decode()


def refused(response):
    """Wagtail's admin answers a permission error with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


# Roles ----------------------------------------------------------------------------------


def test_translators_edit_every_translated_tree_and_never_publish(
    translator, synced_site, locales
):
    italian_home = Page.objects.get(depth=2, locale=locales["it"])
    homes = Page.objects.filter(depth=2).exclude(pk=italian_home.pk)
    assert homes.count() == 4  # en, ar, zh-hans, es
    granted = GroupPagePermission.objects.filter(group__name=TRANSLATORS_GROUP)
    assert {(p.page_id, p.permission.codename) for p in granted} == {
        (home.pk, "change_page") for home in homes
    }
    english = synced_site.get_translation(locales["en"])
    assert english.permissions_for_user(translator).can_edit()
    assert not english.permissions_for_user(translator).can_publish()
    assert not synced_site.permissions_for_user(translator).can_edit()
    assert translator.has_perm("wagtailadmin.access_admin")
    assert not translator.has_perm("wagtail_localize.submit_translation")
    setup_roles()  # idempotent
    assert GroupPagePermission.objects.filter(group__name=TRANSLATORS_GROUP).count() == 4


def test_a_language_tree_synchronised_later_is_granted_to_the_translators(roles, service):
    """The migration may run before any other language's home page exists."""
    assert not GroupPagePermission.objects.filter(group=roles["translators"]).exists()
    synchronise_language_trees()
    assert GroupPagePermission.objects.filter(group=roles["translators"]).count() == 4


def test_the_demo_has_a_translator_login(home_page, service, locales):
    demo = MilanDemo(log=lambda *args: None)
    demo.providers = []  # the provider staff accounts are not the point here
    demo.build_accounts()
    synchronise_language_trees()
    request = RequestFactory().get("/")  # django-axes reads the client from the request
    user = authenticate(request, email=TRANSLATOR_EMAIL, password=TRANSLATOR_PASSWORD)
    assert user and list(user.groups.values_list("name", flat=True)) == [TRANSLATORS_GROUP]
    english = service.get_translation(locales["en"])
    assert english.permissions_for_user(user).can_edit()
    assert not english.permissions_for_user(user).can_publish()


# The module ------------------------------------------------------------------------------


def test_the_draft_revision_leaves_the_live_row_alone(translator, started, client):
    client.force_login(translator)
    put_strings(client, started, ENGLISH_WORDS)
    page = started.get_target_instance()
    live_revision_id = page.live_revision_id

    revision = save_draft_revision(started, translator)

    row = ServicePage.objects.get(pk=page.pk)
    assert row.title == "Badante a ore" and row.slug == "badante-a-ore"
    assert row.summary == "Una badante a ore per le persone anziane."
    assert "Aiuto nella cura della persona." in row.description
    assert row.live and row.live_revision_id == live_revision_id
    assert row.latest_revision_id == revision.pk and row.has_unpublished_changes
    assert row.draft_title == "Hourly care worker"
    draft = revision.as_object()
    assert draft.title == "Hourly care worker" and draft.slug == "hourly-care-worker"
    assert draft.summary == "An hourly care worker for elderly people."
    # Facts stay the source's.
    assert list(draft.needs.all()) == list(ServicePage.objects.get(pk=page.pk).needs.all())


def test_a_draft_that_does_not_validate_is_refused_with_the_reason(
    translator, started, monkeypatch
):
    def clean(page):
        raise ValidationError({"summary": "The short description reads badly."})

    monkeypatch.setattr(ServicePage, "clean", clean)
    latest_revision_id = started.get_target_instance().latest_revision_id
    with pytest.raises(SubmissionRefused, match="The short description reads badly."):
        submit_translation_for_moderation(started, translator)
    page = started.get_target_instance()
    assert not page.workflow_in_progress and page.latest_revision_id == latest_revision_id


@override("en")
def test_refusals(translator, started, synced_site, locales):
    spanish_alias = synced_site.get_translation(locales["es"])
    assert "not translated yet" in submission_refusal(spanish_alias)
    page = started.get_target_instance()
    assert submission_refusal(page) is None

    submit_translation_for_moderation(started, translator)
    assert "already awaiting review" in submission_refusal(page)
    with pytest.raises(SubmissionRefused):
        submit_translation_for_moderation(started, translator)
    assert WorkflowState.objects.for_instance(page).count() == 1

    WorkflowState.objects.for_instance(page).get().cancel()
    WorkflowPage.objects.all().delete()
    assert submission_refusal(page) == "No moderation workflow applies to this page."


def test_moderation_status_follows_the_workflow(translator, editor, started):
    page = started.get_target_instance()
    status = moderation_status(page, translator)
    assert status.state == ModerationStatus.NOT_SUBMITTED and status.can_submit

    submit_translation_for_moderation(started, translator)
    status = moderation_status(page, translator)
    assert status.state == ModerationStatus.AWAITING_REVIEW
    assert status.task_name == "Approval by the Comune editors" and status.since
    assert not status.can_submit and not status.review_urls
    assert set(moderation_status(page, editor).review_urls) == {
        "approve", "reject", "preview", "dashboard"
    }

    page.current_workflow_task_state.reject(user=editor, comment="Say 'carer'.")
    status = moderation_status(page, translator)
    assert status.state == ModerationStatus.CHANGES_REQUESTED and status.can_submit
    assert status.reviewer == editor and status.comment == "Say 'carer'."

    submit_translation_for_moderation(started, translator)
    page.current_workflow_task_state.approve(user=editor)
    status = moderation_status(page, translator)
    assert status.state == ModerationStatus.APPROVED and status.reviewer == editor


# Through the admin -----------------------------------------------------------------------


def test_translator_submits_editor_approves_readers_see_the_words(
    client, translator, editor, started, mailoutbox
):
    client.force_login(translator)
    put_strings(client, started, ENGLISH_WORDS)
    page = started.get_target_instance()
    submit_url = reverse("content_core_submit_translation", args=[started.pk])
    html = editor_html(client, page)
    assert 'data-translation-moderation="not_submitted"' in html
    assert f'action="{submit_url}"' in html
    # Below the editor's sticky header and languages bar, above the strings to translate.
    assert (
        html.index("header-meta--locales")
        < html.index("data-translation-moderation")
        < html.index('class="js-translation-editor"')
    )

    response = submit(client, started)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])

    # In moderation: the live page still has the old words, for readers too.
    row = ServicePage.objects.get(pk=page.pk)
    assert row.workflow_in_progress and row.title == "Badante a ore"
    html = reader_html(client, page)
    assert "Una badante a ore per le persone anziane." in html
    assert "An hourly care worker for elderly people." not in html
    assert any(editor.email in message.to for message in mailoutbox)

    client.force_login(translator)
    html = editor_html(client, page)
    assert 'data-translation-moderation="awaiting_review"' in html
    assert submit_url not in html
    assert refused(review(client, page, "approve"))  # translators do not review

    client.force_login(editor)
    task_state = row.current_workflow_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert approve_url in editor_html(client, page)
    # ...and on the dashboard, under "Awaiting your review".
    assert approve_url in client.get(reverse("wagtailadmin_home")).content.decode()
    response = review(client, page, "approve")
    assert response.status_code == 302

    row = ServicePage.objects.get(pk=page.pk)
    assert row.live and row.title == "Hourly care worker" and not row.has_unpublished_changes
    assert row.url.endswith("/en/enti/cooperativa-sociale-girasole-immaginario/hourly-care-worker/")
    # Approval finished the workflow; publishing did not cancel it.
    assert WorkflowState.objects.for_instance(row).get().status == WorkflowState.STATUS_APPROVED
    html = reader_html(client, page)
    assert "An hourly care worker for elderly people." in html
    assert "Call the cooperative." in html


def test_an_approved_translation_keeps_the_view_restrictions_the_source_has_now(
    client, translator, editor, started, synced_site
):
    """A restriction added to the source reaches its translation at once (decision 0010), and
    the approval keeps it."""
    PageViewRestriction.objects.create(
        page=synced_site, restriction_type=PageViewRestriction.PASSWORD, password="wemi"
    )
    page = started.get_target_instance()
    assert page.view_restrictions.get().password == "wemi"
    client.force_login(translator)
    put_strings(client, started, ENGLISH_WORDS)
    submit(client, started)
    client.force_login(editor)
    assert review(client, page, "approve").status_code == 302
    restriction = page.view_restrictions.get()
    assert restriction.restriction_type == PageViewRestriction.PASSWORD
    assert restriction.password == "wemi"


def test_changes_requested_then_resubmitted_resumes_the_same_workflow(
    client, translator, editor, started
):
    client.force_login(translator)
    put_strings(client, started, {"Badante a ore": "Hourly carer"})
    page = started.get_target_instance()
    submit(client, started)
    state = WorkflowState.objects.for_instance(page).get()

    client.force_login(editor)
    response = review(client, page, "reject", "Use 'care worker', as in the summary.")
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(translator)
    html = editor_html(client, page)
    assert 'data-translation-moderation="changes_requested"' in html
    assert "Use &#x27;care worker&#x27;, as in the summary." in html
    put_strings(client, started, {"Badante a ore": "Hourly care worker"})
    response = submit(client, started)
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.for_instance(page).count() == 1
    # The task restarted on the new revision.
    assert state.current_task_state.revision_id == ServicePage.objects.get(
        pk=page.pk
    ).latest_revision_id

    client.force_login(editor)
    review(client, page, "approve")
    assert ServicePage.objects.get(pk=page.pk).title == "Hourly care worker"


def test_translator_cannot_publish_nor_start_or_sync_translations_nor_edit_italian(
    client, translator, started, synced_site
):
    client.force_login(translator)
    put_strings(client, started, ENGLISH_WORDS)
    page = started.get_target_instance()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
    )
    assert refused(response)
    assert ServicePage.objects.get(pk=page.pk).title == "Badante a ore"
    assert refused(
        client.get(reverse("wagtail_localize:update_translations", args=[started.source_id]))
    )
    assert refused(
        client.post(
            reverse("wagtail_localize:update_translations", args=[started.source_id]),
            {"publish_translations": "on"},
        )
    )
    assert refused(
        client.get(reverse("wagtail_localize:submit_page_translation", args=[synced_site.pk]))
    )
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[synced_site.pk])))
    # The React editor offers no "Publish" to whoever cannot publish.
    assert "&quot;canPublish&quot;: false" in editor_html(client, page)


def test_only_those_who_may_publish_convert_a_translation_back_into_an_alias(
    client, translator, editor, started, synced_site
):
    """Converting puts the Italian content on the live page at once, without moderation."""
    page = started.get_target_instance()
    url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])
    client.force_login(translator)
    assert "convert_to_alias" not in editor_html(client, page)
    assert refused(client.get(url))
    assert refused(client.post(url))
    assert Page.objects.get(pk=page.pk).alias_of_id is None
    # Once the translation is stopped, Wagtail's own editor offers it in the actions menu.
    started.enabled = False
    started.save(update_fields=["enabled"])
    assert "localize-convert-to-alias" not in editor_html(client, page)
    client.force_login(editor)
    assert "localize-convert-to-alias" in editor_html(client, page)
    started.enabled = True
    started.save(update_fields=["enabled"])
    assert "convert_to_alias" in editor_html(client, page)
    assert client.post(url).status_code == 302
    assert Page.objects.get(pk=page.pk).alias_of_id == synced_site.pk


def test_an_editor_publishing_directly_cancels_the_submission(
    client, translator, editor, started, django_capture_on_commit_callbacks
):
    client.force_login(translator)
    put_strings(client, started, ENGLISH_WORDS)
    page = started.get_target_instance()
    submit(client, started)

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_CANCELLED
    row = ServicePage.objects.get(pk=page.pk)
    assert row.live and row.title == "Hourly care worker" and not row.workflow_in_progress
    assert "An hourly care worker for elderly people." in reader_html(client, page)


def test_provider_staff_cannot_submit_a_translation_of_their_service(
    client, provider_staff, started
):
    client.force_login(provider_staff)
    assert refused(submit(client, started))
    assert not WorkflowState.objects.for_instance(started.get_target_instance()).exists()


def test_submitting_is_a_post(client, translator, started):
    client.force_login(translator)
    response = client.get(reverse("content_core_submit_translation", args=[started.pk]))
    assert response.status_code == 405
