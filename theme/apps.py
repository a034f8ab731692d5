from django.apps import AppConfig


class ThemeConfig(AppConfig):
    """Templates and static files only; first in INSTALLED_APPS to override Oscar's."""

    name = "theme"
    verbose_name = "WeMi theme"
