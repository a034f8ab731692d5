"""Shared purchases: price tiers of an offer, groups of households and their members.

See docs/decisions/0019-sharing.md. Counters move only by conditional UPDATE
(``groups.join``/``groups.leave``) under the CheckConstraints below.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules


class PriceTierQuerySet(models.QuerySet):
    def valid_on(self, on_date):
        """Tiers valid on ``on_date`` (inclusive end, as ``IseeBand.objects.valid_on``); which
        of them govern is :func:`rules.tiers_in_effect`."""
        return self.filter(valid_from__lte=on_date).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on_date)
        )


class PriceTier(models.Model):
    """From ``min_households`` households (to ``max_households``; empty: any number), each
    household pays ``unit_price`` EUR per unit of the offer, from ``valid_from`` to
    ``valid_until`` (inclusive; empty: until further notice), like the ISEE bands."""

    stockrecord = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.CASCADE,
        related_name="sharing_tiers",
        verbose_name=_("offer"),
    )
    min_households = models.PositiveSmallIntegerField(_("from households"))
    max_households = models.PositiveSmallIntegerField(_("to households"), null=True, blank=True)
    unit_price = models.DecimalField(_("price per household"), max_digits=12, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = PriceTierQuerySet.as_manager()

    class Meta:
        ordering = ["stockrecord", "-valid_from", "min_households"]
        verbose_name = _("shared price tier")
        verbose_name_plural = _("shared price tiers")
        constraints = [
            models.UniqueConstraint(
                fields=["stockrecord", "valid_from", "min_households"],
                name="sharing_tier_unique_start",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="sharing_tier_until_ge_from",
            ),
            models.CheckConstraint(
                condition=Q(min_households__gte=rules.MIN_GROUP), name="sharing_tier_min_2"
            ),
            models.CheckConstraint(
                condition=Q(max_households__isnull=True)
                | Q(max_households__gte=F("min_households")),
                name="sharing_tier_max_ge_min",
            ),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="sharing_tier_price_ge_0"),
        ]

    def __str__(self):
        return f"{self.stockrecord_id}: {self.min_households}-{self.max_households or ''}"

    def as_rule(self):
        return rules.Tier(
            self.min_households,
            self.max_households,
            self.unit_price,
            self.valid_from,
            self.valid_until,
        )


def tiers_of(stockrecord, on_date=None):
    """The tiers of an offer in effect on ``on_date`` (default: today)."""
    return rules.tiers_in_effect(
        [tier.as_rule() for tier in stockrecord.sharing_tiers.all()],
        on_date or timezone.localdate(),
    )


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class SharingGroup(models.Model):
    class Context(models.TextChoices):
        SCHOOL = "school", _("School or class")
        QUARTIERE = "quartiere", _("Neighbourhood")
        CONDOMINIUM = "condominium", _("Condominium")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        CONFIRMED = "confirmed", _("Confirmed")
        FAILED = "failed", _("Not enough households")
        DECLINED = "declined", _("Declined by the provider")

    offer = models.ForeignKey(
        "partner.StockRecord",
        on_delete=models.PROTECT,
        related_name="sharing_groups",
        verbose_name=_("offer"),
    )
    service_key = models.UUIDField(_("service"), db_index=True)
    context = models.CharField(_("context"), max_length=20, choices=Context.choices)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_sharing_groups",
        verbose_name=_("organiser"),
    )
    organisation = models.ForeignKey(
        "marketplace_organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sharing_groups",
        verbose_name=_("restricted to the members of"),
    )
    min_households = models.PositiveSmallIntegerField(_("minimum households"))
    max_households = models.PositiveSmallIntegerField(_("maximum households"))
    deadline = models.DateTimeField(_("deadline"), db_index=True)
    start_date = models.DateField(_("start date"))
    frequency = models.CharField(_("frequency"), max_length=20)
    zone = models.ForeignKey(
        "content_taxonomy.Zone",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("zone"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_public = models.BooleanField(_("listed publicly"), default=True)
    invite_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.FORMING, db_index=True
    )
    households_count = models.PositiveSmallIntegerField(_("households"), default=0)
    final_households = models.PositiveSmallIntegerField(null=True, blank=True)
    final_unit_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("sharing group")
        verbose_name_plural = _("sharing groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(households_count__lte=F("max_households")),
                name="sharing_group_not_over_max",
            ),
            models.CheckConstraint(
                condition=Q(min_households__gte=rules.MIN_GROUP)
                & Q(max_households__gte=F("min_households")),
                name="sharing_group_sizes",
            ),
        ]

    def __str__(self):
        return f"group {self.pk} ({self.status})"

    @property
    def is_forming(self):
        return self.status == self.Status.FORMING and self.deadline > timezone.now()

    @property
    def places_left(self):
        return max(self.max_households - self.households_count, 0)

    @property
    def started_on(self):
        """The day the group was started, whose tiers are the group's (decision 0019)."""
        return timezone.localdate(self.created_at) if self.created_at else timezone.localdate()

    def tiers(self):
        return tiers_of(self.offer, self.started_on)

    def price_at(self, households):
        """The price per household (EUR per unit) with ``households`` households."""
        return rules.household_price(self.tiers(), max(households, 1), self.offer.price or 0)

    @property
    def current_price(self):
        if self.final_unit_price is not None:
            return self.final_unit_price
        return self.price_at(self.households_count)

    @property
    def price_if_one_joins(self):
        return self.price_at(min(self.households_count + 1, self.max_households))

    def invite_matches(self, token):
        return bool(self.invite_token_hash) and hash_token(token or "") == self.invite_token_hash


class Membership(models.Model):
    class Status(models.TextChoices):
        JOINED = "joined", _("Joined")
        LEFT = "left", _("Left")
        ORDERED = "ordered", _("Ordered")
        RELEASED = "released", _("Released")

    ACTIVE = (Status.JOINED, Status.ORDERED)

    group = models.ForeignKey(
        SharingGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    household = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sharing_memberships",
        verbose_name=_("household"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.JOINED
    )
    price_cap = models.DecimalField(
        _("highest price accepted"), max_digits=12, decimal_places=2
    )
    language = models.CharField(
        _("language"), max_length=15, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    order_line = models.OneToOneField(
        "order.Line",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sharing_membership",
    )

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "household"],
                condition=Q(status__in=["joined", "ordered"]),
                name="sharing_one_active_membership",
            ),
            models.CheckConstraint(condition=Q(price_cap__gte=0), name="sharing_cap_ge_0"),
        ]

    def __str__(self):
        return f"{self.group_id}/{self.household_id} ({self.status})"


class GroupStatusChange(models.Model):
    """Who moved a group from one status to another, and when (``None``: the sweep)."""

    group = models.ForeignKey(
        SharingGroup, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(max_length=20)
    new_status = models.CharField(max_length=20)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.group_id}: {self.old_status} -> {self.new_status}"
