from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PricingConfig(AppConfig):
    name = "marketplace.pricing"
    label = "marketplace_pricing"
    verbose_name = _("ISEE pricing")
    default_auto_field = "django.db.models.BigAutoField"
