from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder


class Order(AbstractOrder):
    """An order, with the citizen's contact details and the language it was placed in.

    ``placed_by`` is who placed it (the citizen, or a Spazio operator acting for them under
    a delegation) and ``channel`` how: on the web by the citizen, or by an operator at the
    desk or on the phone (docs/decisions/0021).

    ``contact_name``/``contact_phone`` are whom the providers call (typed at checkout, often
    not the account holder's name); ``beneficiary_name`` is the person who receives the
    care when it is not the contact person (a parent, a child), empty otherwise.
    """

    language = models.CharField(
        _("language"), max_length=15, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    notes_for_providers = models.TextField(_("notes for the providers"), blank=True)
    beneficiary_name = models.CharField(
        _("person receiving the service"), max_length=255, blank=True
    )

    class Channel(models.TextChoices):
        WEB = "web", _("Online, by the citizen")
        DESK = "desk", _("At a Spazio WeMi desk")
        PHONE = "phone", _("By phone, with an operator")

    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placed by"),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    consent_note = models.TextField(
        _("how the citizen agreed"),
        blank=True,
        help_text=_("Written by the operator who placed the order for the citizen."),
    )

    @property
    def placed_for_citizen(self):
        """Whether someone else (an operator) placed the order for its citizen."""
        return self.placed_by_id is not None and self.placed_by_id != self.user_id

    @property
    def receives_service(self):
        """The name of whom the services are for: the beneficiary, else the contact person."""
        return self.beneficiary_name or self.contact_name

    @property
    def is_void(self):
        """Whether no service of the order will be delivered (all cancelled or declined)."""
        from marketplace.fulfilment.statuses import VOID_ORDER_STATUSES

        return self.status in VOID_ORDER_STATUSES

    @property
    def amount_due(self):
        """What the citizen pays now (EUR): the lines not cancelled nor declined.

        ``total_incl_tax`` keeps the total as ordered (the receipt shows both).
        """
        return sum(
            (line.line_price_incl_tax for line in self.lines.all() if not line.is_void),
            start=Decimal("0.00"),
        )

    @property
    def comune_amount_due(self):
        """What the Comune pays now (EUR), for the lines not cancelled nor declined."""
        return sum(
            (line.comune_contribution for line in self.lines.all() if not line.is_void),
            start=Decimal("0.00"),
        )


class Line(AbstractLine):
    """An order line with the money split frozen at the time of the order.

    ``full_price_excl_tax``/``line_price_excl_tax`` (Oscar's) hold what the citizen pays;
    ``full_unit_price`` is the offer's full price per unit and ``comune_contribution`` the part
    of the whole line the Comune pays. Later changes of ISEE or bands never touch them.
    """

    full_unit_price = models.DecimalField(
        _("full price per unit"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    comune_contribution = models.DecimalField(
        _("Comune contribution"), max_digits=12, decimal_places=2, default=0
    )

    @property
    def is_void(self):
        """Whether the line will not be delivered (cancelled by the citizen or declined)."""
        from marketplace.fulfilment.statuses import VOID_LINE_STATUSES

        return self.status in VOID_LINE_STATUSES

    @property
    def full_line_price(self):
        if self.full_unit_price is None:
            return self.line_price_incl_tax
        return self.full_unit_price * self.quantity


from oscar.apps.order.models import *  # noqa: E402,F401,F403
