from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules


class IseeBandQuerySet(models.QuerySet):
    def valid_on(self, on_date):
        return self.filter(valid_from__lte=on_date).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on_date)
        )


class IseeBand(models.Model):
    """A Comune setting: households with an ISEE up to a bound pay a share of the tariff."""

    upper_bound = models.DecimalField(
        _("ISEE up to (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Leave empty for the band above all others, which also applies without ISEE."),
    )
    share_percent = models.DecimalField(
        _("share of the tariff the citizen pays (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = IseeBandQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", models.F("upper_bound").asc(nulls_last=True)]
        verbose_name = _("ISEE band")
        verbose_name_plural = _("ISEE bands")

    def __str__(self):
        if self.upper_bound is None:
            return _("Above the other bands or no ISEE: %(share)s %%") % {
                "share": self.share_percent
            }
        return _("ISEE up to %(bound)s EUR: %(share)s %%") % {
            "bound": self.upper_bound,
            "share": self.share_percent,
        }

    def clean(self):
        if self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end comes before the start.")})

    def as_rule(self):
        return rules.Band(upper_bound=self.upper_bound, share_percent=self.share_percent)

    @classmethod
    def rules_valid_on(cls, on_date):
        return [band.as_rule() for band in cls.objects.valid_on(on_date)]


class IseeDeclaration(models.Model):
    """A household's ISEE as declared by the citizen; an operator may mark it verified."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="isee_declaration",
        verbose_name=_("citizen"),
    )
    value = models.DecimalField(
        _("ISEE (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(rules.ISEE_MAX_VALUE)],
    )
    dsu_protocol = models.CharField(
        _("DSU protocol number"),
        max_length=40,
        help_text=_("As printed on the INPS certificate, e.g. INPS-ISEE-2026-12345678X-00."),
    )
    expires_on = models.DateField(_("valid until"))
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    class Meta:
        verbose_name = _("ISEE declaration")
        verbose_name_plural = _("ISEE declarations")
        permissions = [("verify_iseedeclaration", _("Can mark ISEE declarations verified"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=rules.ISEE_MAX_VALUE),
                name="isee_declaration_value_in_range",
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.value} EUR"

    def clean(self):
        problems = rules.declaration_problems(
            self.value, self.dsu_protocol, self.expires_on, timezone.localdate()
        )
        if problems:
            raise ValidationError(problems)

    @property
    def is_verified(self):
        return self.verified_at is not None

    def mark_verified(self, operator):
        """Marks the declaration verified now by ``operator`` (a user, or None for the demo
        seed). Save the declaration, then :meth:`record_verification`."""
        self.verified_at = timezone.now()
        self.verified_by = operator

    def record_verification(self):
        """Keeps who verified which values and when (:class:`IseeVerification`)."""
        return IseeVerification.objects.create(
            declaration=self,
            citizen=self.user,
            value=self.value,
            dsu_protocol=self.dsu_protocol,
            expires_on=self.expires_on,
            verified_by=self.verified_by,
            verified_at=self.verified_at,
        )

    def clear_verification(self):
        self.verified_at = None
        self.verified_by = None


class IseeVerification(models.Model):
    """One verification of a declaration by a Comune operator: the values checked with
    INPS, who checked them and when. Rows are only added, never changed."""

    declaration = models.ForeignKey(
        IseeDeclaration,
        on_delete=models.SET_NULL,
        null=True,
        related_name="verifications",
        verbose_name=_("declaration"),
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("citizen"),
    )
    value = models.DecimalField(_("ISEE (EUR)"), max_digits=10, decimal_places=2)
    dsu_protocol = models.CharField(_("DSU protocol number"), max_length=40)
    expires_on = models.DateField(_("valid until"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
        help_text=_("Empty: verified by the demo data seed."),
    )
    verified_at = models.DateTimeField(_("verified on"))

    class Meta:
        ordering = ["-verified_at"]
        verbose_name = _("ISEE verification")
        verbose_name_plural = _("ISEE verifications")

    def __str__(self):
        return f"{self.citizen} – {self.value} EUR – {self.verified_at:%Y-%m-%d}"
