from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "content.core"
    label = "content_core"
    verbose_name = _("Portal")

    def ready(self):
        from wagtail.signals import page_published

        from . import (  # noqa: F401
            alias_paths,
            content_cache,
            drafts,
            frontend_cache,
            restrictions,
            signals,
            uploads,
        )
        from .spreadsheets import protect_wagtail_exports

        alias_paths.connect()
        frontend_cache.connect()
        restrictions.connect()
        drafts.stop_aliasing_drafts()
        page_published.connect(drafts.alias_on_publish, dispatch_uid="drafts_alias_on_publish")
        page_published.connect(uploads.publish_media_of, dispatch_uid="uploads_publish_media")
        content_cache.connect()
        protect_wagtail_exports()
