from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "content.core"
    label = "content_core"
    verbose_name = _("Portal")

    def ready(self):
        from . import content_cache, frontend_cache, signals  # noqa: F401
        from .spreadsheets import protect_wagtail_exports

        frontend_cache.connect()
        content_cache.connect()
        protect_wagtail_exports()
