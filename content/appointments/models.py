"""Appointments and activities at the Spazi WeMi (docs/decisions/0020-spazi-appointments.md).

A Spazio is named everywhere by its page's ``translation_key`` (``space_key``), so the rows
here are the same whatever language the citizen or the operator browses in.

Places move only through the conditional UPDATEs in ``content.appointments.booking``, under
the CheckConstraints below (``0 <= booked <= capacity``): the database refuses an overbooking
even if the code were wrong.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from content.spaces.forms import SpaceSelect, known_space_key
from content.spaces.models import OpeningHours


class DeskService(TranslatableMixin, models.Model):
    """What a citizen can book at a Spazio's desk (orientation, help with an application for
    contributions, digital help and SPID...). A translatable snippet: rows point to the
    Italian one, which the citizen sees in their language through ``localized``."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("desk service")
        verbose_name_plural = _("desk services")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_desk_service_slug")
        ]

    def __str__(self):
        return self.name


class SlotRule(models.Model):
    """When a Spazio takes appointments on a weekday: from ``opens`` to ``closes``, one slot
    every ``slot_minutes`` minutes, ``desks`` people per slot. Made from the Spazio's opening
    hours when it has none (``content.appointments.slots.ensure_rules``)."""

    space_key = models.UUIDField(_("Spazio WeMi"), db_index=True, validators=[known_space_key])
    weekday = models.PositiveSmallIntegerField(_("day"), choices=OpeningHours.Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per appointment"), default=30)
    desks = models.PositiveSmallIntegerField(_("desks"), default=1)
    services = models.ManyToManyField(DeskService, verbose_name=_("desk services"), blank=True)

    panels = [
        FieldPanel("space_key", widget=SpaceSelect),
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("desks")]),
        FieldPanel("services"),
    ]

    class Meta:
        verbose_name = _("appointment hours")
        verbose_name_plural = _("appointment hours")
        ordering = ["space_key", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="slot_rule_closes"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="slot_rule_minutes"),
            models.CheckConstraint(condition=Q(desks__gte=1), name="slot_rule_desks"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class Closure(models.Model):
    """A day a Spazio is closed (a strike, a training day, works): no slot is made for it,
    and its free places are withdrawn when it is entered (``slots.apply_closure``). Public
    holidays need no row (``rules.holiday_name``)."""

    space_key = models.UUIDField(_("Spazio WeMi"), db_index=True, validators=[known_space_key])
    day = models.DateField(_("day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        FieldPanel("space_key", widget=SpaceSelect),
        FieldPanel("day"),
        FieldPanel("reason"),
    ]

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["space_key", "day"], name="closure_one_per_day")
        ]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.reason}"


class Slot(models.Model):
    """A time at a Spazio's desk with ``capacity`` places, ``booked`` of them taken."""

    space_key = models.UUIDField(_("Spazio WeMi"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)

    class Meta:
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["space_key", "starts_at"], name="slot_unique_start"),
            models.CheckConstraint(
                condition=Q(booked__gte=0) & Q(booked__lte=F("capacity")),
                name="slot_booked_within_capacity",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends"),
        ]

    def __str__(self):
        return f"{self.space_key} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def free(self):
        return self.capacity - self.booked


class Channel(models.TextChoices):
    WEB = "web", _("Online")
    DESK = "desk", _("At the desk")
    PHONE = "phone", _("By phone")


class Appointment(models.Model):
    """A person's appointment in a slot. ``citizen`` is empty for a person without an account
    booked at the desk or on the phone: ``contact_*`` then say who they are."""

    class Status(models.TextChoices):
        BOOKED = "booked", pgettext_lazy("appointment status", "Booked")
        CANCELLED = "cancelled", pgettext_lazy("appointment status", "Cancelled")
        ATTENDED = "attended", pgettext_lazy("appointment status", "Attended")
        NO_SHOW = "no_show", pgettext_lazy("appointment status", "Did not come")

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="appointments")
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("citizen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_appointments",
    )
    desk_service = models.ForeignKey(
        DeskService, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    reference = models.CharField(_("reference"), max_length=16, unique=True)
    contact_name = models.CharField(_("name and surname"), max_length=150)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "citizen"],
                condition=Q(status="booked"),
                name="appointment_one_per_citizen_and_slot",
            )
        ]

    def __str__(self):
        return self.reference


class AppointmentStatusChange(models.Model):
    """One row per change of an appointment's status: who, when, from what to what."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(max_length=12)
    new_status = models.CharField(max_length=12)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.appointment_id}: {self.old_status} -> {self.new_status}"


class Activity(TranslatableMixin, models.Model):
    """An activity or course at a Spazio (a translatable snippet). Places are counted on the
    Italian row only (``booked``), whatever language the citizen books in."""

    space_key = models.UUIDField(_("Spazio WeMi"), db_index=True, validators=[known_space_key])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    for_whom = models.CharField(_("for whom"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    places = models.PositiveSmallIntegerField(_("places"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0, editable=False)

    panels = [
        FieldPanel("space_key", widget=SpaceSelect),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("for_whom"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("places"),
    ]
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in ("space_key", "starts_at", "ends_at", "places")
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("activity or course")
        verbose_name_plural = _("activities and courses")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booked__gte=0) & Q(booked__lte=F("places")),
                name="activity_booked_within_places",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activity_ends"),
        ]

    def __str__(self):
        return self.title

    @property
    def free(self):
        return self.places - self.booked


class ActivityBooking(models.Model):
    """A citizen's place in an activity (the Italian row of it)."""

    class Status(models.TextChoices):
        BOOKED = "booked", pgettext_lazy("appointment status", "Booked")
        CANCELLED = "cancelled", pgettext_lazy("appointment status", "Cancelled")

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="bookings")
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activity_bookings"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    reference = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "citizen"],
                condition=Q(status="booked"),
                name="activity_booking_one_per_citizen",
            )
        ]

    def __str__(self):
        return self.reference


class Visit(models.Model):
    """A person helped at the desk without an appointment (counted, never named)."""

    class Outcome(models.TextChoices):
        INFORMED = "informed", _("Informed")
        REFERRED = "referred", _("Referred to a service")
        HELPED_APPLY = "helped_apply", _("Helped to apply")

    space_key = models.UUIDField(_("Spazio WeMi"), db_index=True)
    desk_service = models.ForeignKey(
        DeskService, verbose_name=_("need"), on_delete=models.PROTECT, related_name="+"
    )
    municipio = models.ForeignKey(
        "content_taxonomy.Zone",
        verbose_name=_("Municipio of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "municipio", "locale__language_code": "it"},
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("walk-in visit")
        verbose_name_plural = _("walk-in visits")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.space_key} {self.at:%Y-%m-%d %H:%M} {self.outcome}"
