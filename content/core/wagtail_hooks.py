from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.models import Page

from . import admin_views
from .drafts import is_translator_only, translator_may_work_on
from .translation_moderation import may_convert_to_alias


# Before wagtail-localize's own URLs, so that this path reaches the guarded view.
@hooks.register("register_admin_urls", order=-1)
def guard_convert_to_alias():
    return [
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            admin_views.convert_to_alias,
            name="content_core_convert_to_alias",
        ),
    ]


@hooks.register("construct_page_action_menu")
def hide_convert_to_alias(menu_items, request, context):
    page = context.get("page")
    if page is not None and not may_convert_to_alias(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("register_admin_urls")
def register_translation_moderation_urls():
    return [
        path(
            "translations/<int:translation_id>/submit-for-moderation/",
            admin_views.submit_translation,
            name="content_core_submit_translation",
        ),
    ]


@hooks.register("construct_page_action_menu")
def name_the_moderation_in_the_users_language(menu_items, request, context):
    """"Submit to Comune moderation" named the workflow by its (English) name in any
    language: the button says what it does, in the editor's language."""
    for item in menu_items:
        if item.name == "action-submit":
            item.__class__ = _SubmitToComuneMenuItem


class _SubmitToComuneMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Submit again to the Comune for approval")
        else:
            context["label"] = _("Submit to the Comune for approval")
        return context


def _refuse_translators_unapproved_pages(request, page, *args):
    """Translators work on live content only (``content.core.drafts``)."""
    if not translator_may_work_on(request.user, page):
        raise PermissionDenied


for _hook in ("before_edit_page", "before_delete_page", "before_move_page", "before_copy_page"):
    hooks.register(_hook, _refuse_translators_unapproved_pages)


@hooks.register("construct_explorer_page_queryset")
def hide_unapproved_pages_from_translators(parent_page, pages, request):
    if is_translator_only(request.user):
        pages = pages.filter(live=True)
    return pages


@hooks.register("before_bulk_action")
def refuse_translators_bulk_actions_on_unapproved_pages(request, action_type, objects, action):
    """The bulk actions (delete, move, unpublish...) run no ``before_*_page`` hook."""
    if not is_translator_only(request.user):
        return None
    if any(isinstance(item, Page) and not item.live for item in objects):
        raise PermissionDenied
    return None
