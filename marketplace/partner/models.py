from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord


class Partner(AbstractPartner):
    """A provider as a seller: one per provider page (``provider_key`` = its translation_key)."""

    provider_key = models.UUIDField(_("provider"), null=True, blank=True, unique=True)


class StockRecord(AbstractStockRecord):
    """The provider's terms for an offer: price per unit and, optionally, capacity.

    ``num_in_stock`` is the number of places (or slots); empty means unlimited.
    """

    class Unit(models.TextChoices):
        HOUR = "hour", _("hour")
        SESSION = "session", _("session")
        MONTH = "month", _("month")
        PACKAGE = "package", _("package")

    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.HOUR)


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
