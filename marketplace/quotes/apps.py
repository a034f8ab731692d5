from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuotesConfig(AppConfig):
    name = "marketplace.quotes"
    label = "marketplace_quotes"
    verbose_name = _("Quote requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from scheduler.registry import register

        from . import personal_data  # noqa: F401  (its section of "download my data")

        # Requests past their answer date and quotes past their validity expire (idempotent).
        register("expire_quotes", every=300)
