from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Operators acting for a citizen (delegations, assisted accounts) and the access log."""

    name = "marketplace.privacy"
    label = "marketplace_privacy"
    verbose_name = _("Delegations and access log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data  # noqa: F401  (its section of "download my data")
