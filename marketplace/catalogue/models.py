from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    """A purchasable offer of a service.

    The offer belongs to the service, not to one page: ``service_key`` is the service
    page's ``translation_key``, so every translation of the page sells the same product.
    """

    class PricingKind(models.TextChoices):
        FREE = "free", _("Free")
        ACCREDITED = "accredited", _("Accredited tariff (depends on ISEE)")
        MARKET = "market", _("Provider's price")

    service_key = models.UUIDField(_("service"), null=True, blank=True, db_index=True)
    pricing_kind = models.CharField(
        _("pricing"), max_length=20, choices=PricingKind.choices, default=PricingKind.MARKET
    )


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
