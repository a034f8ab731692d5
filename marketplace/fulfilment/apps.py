from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FulfilmentConfig(AppConfig):
    name = "marketplace.fulfilment"
    label = "marketplace_fulfilment"
    verbose_name = _("Order fulfilment")
    default_auto_field = "django.db.models.BigAutoField"
