from django.urls import path
from wagtail import hooks

from . import admin_views
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
