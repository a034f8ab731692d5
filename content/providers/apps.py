from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "content.providers"
    label = "content_providers"
    verbose_name = _("Providers")

    def ready(self):
        from . import signals  # noqa: F401

