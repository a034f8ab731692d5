from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord

from marketplace.places import places_for


class Partner(AbstractPartner):
    """A provider as a seller: one per provider page (``provider_key`` = its translation_key)."""

    provider_key = models.UUIDField(_("provider"), null=True, blank=True, unique=True)


class StockRecord(AbstractStockRecord):
    """The provider's terms for an offer: price per unit and, optionally, capacity.

    ``num_in_stock`` is the number of places (people or households served); empty means
    unlimited. Oscar passes the quantities of order lines (units of the offer); each booking
    takes :func:`marketplace.places.places_for` places, one whatever its units.
    """

    class Unit(models.TextChoices):
        HOUR = "hour", _("hour")
        SESSION = "session", _("session")
        MONTH = "month", _("month")
        PACKAGE = "package", _("package")

    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.HOUR)

    def allocate(self, quantity):
        """Take the places of a booking of ``quantity`` units (one), or raise
        :class:`CapacityExhausted` if none is left.

        Oscar's own allocation adds without checking (django-oscar #4524). Here a single
        conditional UPDATE checks and takes the places: concurrent buyers queue on the row
        lock and each sees the places the others took, so capacity is never oversold.
        """
        if not self.can_track_allocations:
            return
        quantity = places_for(quantity)
        self.pre_save_signal()
        allocated = Coalesce(F("num_allocated"), 0)
        taken = (
            type(self)
            .objects.filter(pk=self.pk)
            .filter(Q(num_in_stock__isnull=True) | Q(num_in_stock__gte=allocated + quantity))
            .update(num_allocated=allocated + quantity)
        )
        if not taken:
            raise CapacityExhausted(self)
        self.refresh_from_db(fields=["num_allocated"])
        self.post_save_signal()

    allocate.alters_data = True

    def is_allocation_consumption_possible(self, quantity):
        return super().is_allocation_consumption_possible(places_for(quantity))

    def consume_allocation(self, quantity):
        """A delivered booking of ``quantity`` units uses up its place."""
        super().consume_allocation(places_for(quantity))

    consume_allocation.alters_data = True

    def cancel_allocation(self, quantity):
        """A declined or cancelled booking of ``quantity`` units gives its place back."""
        super().cancel_allocation(places_for(quantity))

    cancel_allocation.alters_data = True


class CapacityExhausted(Exception):
    """Fewer places are left on an offer than an order asks for."""

    def __init__(self, stockrecord):
        super().__init__(f"stock record {stockrecord.pk} has not enough places left")
        self.stockrecord = stockrecord


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
