from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    """Buying services: the offers on service pages, the add-to-basket form, the demo seeder."""

    name = "marketplace"
    label = "marketplace_shop"
    verbose_name = _("Marketplace")

    def ready(self):
        from content.core.spreadsheets import protect_oscar_writer

        from . import frontend_cache

        frontend_cache.connect()
        protect_oscar_writer()
