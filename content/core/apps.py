from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "content.core"
    label = "content_core"
    verbose_name = _("Portal")

    def ready(self):
        from . import alias_paths, frontend_cache, signals  # noqa: F401
        from .spreadsheets import protect_wagtail_exports

        alias_paths.connect()
        frontend_cache.connect()
        protect_wagtail_exports()
