"""Organisation accounts: condominiums, companies and other legal entities that buy welfare
services for their residents or employees (docs/decisions/0025-organisations.md).

A citizen registers an organisation and becomes its first representative; a Comune operator
verifies it (or rejects it) in /cms/. Only a verified organisation buys: its verified
representatives place one order billed to it (full price, no ISEE) or open sharing groups
restricted to its members, whose membership the representatives verify.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import rules


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CONDOMINIUM = "condominium", _("Condominium")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other organisation")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    tax_code = models.CharField(
        _("fiscal code or VAT number"), max_length=16, db_index=True,
        help_text=_("11 digits for a condominium or a company, 16 characters for a sole trader."),
    )
    sdi_code = models.CharField(
        _("e-invoicing code (SDI)"), max_length=7, blank=True,
        help_text=_("The 7-character recipient code for electronic invoices, if any."),
    )
    address = models.CharField(_("address"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING,
        db_index=True,
    )
    rejection_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="registered_organisations", verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            # One live account per legal entity; a rejected one may be registered again.
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(status="rejected"),
                name="organisation_one_live_per_tax_code",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(reviewed_at__isnull=False),
                name="organisation_reviewed_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.tax_code})"

    @property
    def is_verified(self):
        return self.status == self.Status.VERIFIED

    def review(self, by, status, reason=""):
        """Verify or reject, remembering who and when."""
        self.status = status
        self.rejection_reason = reason if status == self.Status.REJECTED else ""
        self.reviewed_by = by
        self.reviewed_at = timezone.now()

    def sharing_context(self):
        return {self.Kind.CONDOMINIUM: "condominium", self.Kind.COMPANY: "company"}.get(
            self.kind, "other"
        )


class MemberQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(verified_at__isnull=False)

    def acting(self):
        """Memberships through which a person may act for a verified organisation."""
        return self.verified().filter(
            role=OrganisationMember.Role.REPRESENTATIVE,
            organisation__status=Organisation.Status.VERIFIED,
        )


class OrganisationMember(models.Model):
    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative (acts for the organisation)")
        MEMBER = "member", _("Member (resident or employee)")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="members",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="organisation_memberships", verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    note = models.CharField(
        _("flat, staircase or department"), max_length=100, blank=True,
        help_text=_("What lets the representative recognise you, e.g. staircase B, flat 4."),
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("verified by"),
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "role", "pk"]
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="organisation_member_once"
            ),
        ]

    def __str__(self):
        return f"{self.organisation_id}/{self.user_id} ({self.role})"

    @property
    def is_verified(self):
        return self.verified_at is not None

    @property
    def may_act(self):
        return rules.may_act(self.organisation.status, self.role, self.is_verified)


class OrganisationOrder(models.Model):
    """An order placed by a representative and billed to the organisation (full price, no
    ISEE). The organisation's name, tax and SDI codes and address are copied as billed, so
    the provider's invoice reads what the order said even if the account changes later."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="organisation_billing"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="orders",
        verbose_name=_("organisation"),
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
        related_name="+", verbose_name=_("placed by"),
    )
    name = models.CharField(_("billed to"), max_length=200)
    tax_code = models.CharField(_("fiscal code or VAT number"), max_length=16)
    sdi_code = models.CharField(_("e-invoicing code (SDI)"), max_length=7, blank=True)
    address = models.CharField(_("address"), max_length=300)
    households = models.PositiveSmallIntegerField(_("households or employees served"))
    request_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("order billed to an organisation")
        verbose_name_plural = _("orders billed to organisations")

    def __str__(self):
        return f"{self.order_id} -> {self.tax_code}"
