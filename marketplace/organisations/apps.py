from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "marketplace.organisations"
    label = "marketplace_organisations"
    verbose_name = _("Organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import personal_data  # noqa: F401  (its section of "download my data")
