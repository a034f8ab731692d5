from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    """The citizen's rights over their data: download it (JSON, PDF), delete the account,
    and the retention purge (docs/decisions/0022-data-retention-and-rights.md)."""

    name = "marketplace.rights"
    label = "marketplace_rights"
    verbose_name = _("Personal data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from scheduler.registry import register

        from . import sections  # noqa: F401  (registers the sections of today's apps)

        # Once a day: empties the personal fields of orders past the retention period.
        register("purge_expired_personal_data", every=86400)
