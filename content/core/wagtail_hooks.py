from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_translation_moderation_urls():
    return [
        path(
            "translations/<int:translation_id>/submit-for-moderation/",
            admin_views.submit_translation,
            name="content_core_submit_translation",
        ),
    ]
