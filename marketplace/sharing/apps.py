from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "marketplace.sharing"
    label = "marketplace_sharing"
    verbose_name = _("Sharing groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from scheduler.registry import register

        from . import personal_data  # noqa: F401  (its section of "download my data")

        # Groups past their deadline are confirmed or failed by this sweep, every 5 minutes.
        register("close_sharing_groups", every=300)
