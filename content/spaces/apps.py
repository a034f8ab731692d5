from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "content.spaces"
    label = "content_spaces"
    verbose_name = _("Spazi WeMi")
