"""Delegations (a citizen authorises an operator), assisted accounts, and the access log."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from . import rules


def private_storage():
    """Evidence documents live outside MEDIA_ROOT: never served by a URL, only by the views
    that check the delegation (``WEMI_PRIVATE_MEDIA_ROOT``, default ``private-media/``)."""
    return FileSystemStorage(location=settings.WEMI_PRIVATE_MEDIA_ROOT, base_url=None)


class Delegation(models.Model):
    """A citizen's authorisation for an operator to act for them, for purposes and a period.

    ``granted_via`` says how the consent was given: signed at the desk (``evidence_document``
    is the scanned signed form) or online from the citizen's account. Revoking keeps the row
    (who revoked, when): the access log points at it.
    """

    class GrantedVia(models.TextChoices):
        DESK_SIGNED = "desk_signed", _("Signed at the desk")
        CITIZEN_ONLINE = "citizen_online", _("Granted online by the citizen")

    PURPOSE_CHOICES = [
        (rules.PURCHASE, _("Search, book and buy services")),
        (rules.ORDERS, _("See orders and print receipts")),
    ]

    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="delegations_received",
        verbose_name=_("operator"),
    )
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegations_given",
        verbose_name=_("citizen"),
    )
    purposes = models.JSONField(_("purposes"), default=list)
    granted_via = models.CharField(_("granted via"), max_length=20, choices=GrantedVia.choices)
    evidence_document = models.FileField(
        _("signed consent"), storage=private_storage, upload_to="delegations/%Y/%m/", blank=True
    )
    space_key = models.UUIDField(_("Spazio WeMi"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["operator", "citizen"], name="delegation_operator_citizen")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="delegation_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(operator=F("citizen")), name="delegation_not_to_oneself"
            ),
            models.CheckConstraint(
                condition=Q(granted_via__in=["desk_signed", "citizen_online"]),
                name="delegation_granted_via_known",
            ),
        ]

    def __str__(self):
        return f"{self.citizen} → {self.operator}"

    def is_active(self, purpose, now):
        return rules.is_active(self, purpose, now)

    def purpose_labels(self):
        labels = dict(self.PURPOSE_CHOICES)
        return [labels.get(purpose, purpose) for purpose in self.purposes]


class AssistedAccount(models.Model):
    """A citizen registered at a Spazio's desk, without email or internet.

    The account has no usable password (nobody logs in as them); an operator acts for them
    under a desk-signed delegation, and prints their receipts. The fiscal code identifies
    them (unique); the identity document was seen by ``registered_by``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assisted_account",
        verbose_name=_("citizen"),
    )
    fiscal_code = models.CharField(_("fiscal code"), max_length=16, unique=True)
    phone = models.CharField(_("phone number"), max_length=40)
    document = models.CharField(_("identity document"), max_length=80)
    space_key = models.UUIDField(_("Spazio WeMi"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("assisted account")
        verbose_name_plural = _("assisted accounts")

    def __str__(self):
        return f"{self.user.get_full_name()} ({self.fiscal_code})"


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk ``update()`` and ``delete()`` refused too (they bypass ``save``/``delete``)."""

    def update(self, **kwargs):
        raise PermissionDenied("The access log is append only.")

    def delete(self):
        raise PermissionDenied("The access log is append only.")


class DataAccess(models.Model):
    """One time staff opened (or acted on) a citizen's personal data: append only.

    ``save()`` refuses to change an existing row and ``delete()`` always refuses; the admin
    offers neither. In production the database role should also lack UPDATE and DELETE on
    this table (README). A surrogate key, not the time, identifies a row: two accesses in
    the same microsecond are two rows.
    """

    class Action(models.TextChoices):
        VIEW_ORDERS = "view_orders", _("Saw orders")
        VIEW_ORDER = "view_order", _("Saw an order")
        VIEW_RECEIPT = "view_receipt", _("Printed a receipt")
        VIEW_ISEE = "view_isee", _("Saw the ISEE declaration")
        VIEW_VOUCHER = "view_voucher", _("Saw a voucher")
        VIEW_PROFILE = "view_profile", _("Saw the profile")
        VIEW_APPOINTMENTS = "view_appointments", _("Saw appointments at a Spazio WeMi")
        VIEW_GROUP = "view_group", _("Saw a sharing group")
        VIEW_QUOTE = "view_quote", _("Saw a request for a quote")
        ACT = "act", _("Acted for the citizen")
        PLACE_ORDER = "place_order", _("Placed an order for the citizen")
        DELEGATION = "delegation", _("Registered an authorisation")

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("who"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("whose data"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("authorisation"),
    )
    purpose = models.CharField(_("why"), max_length=40)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    space_key = models.UUIDField(_("Spazio WeMi"), null=True, blank=True)
    request_id = models.CharField(_("request"), max_length=64, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at", "-id"]
        permissions = [("export_dataaccess", _("Can export the access log"))]
        indexes = [
            models.Index(fields=["subject", "at"], name="dataaccess_subject_at"),
            models.Index(fields=["actor", "at"], name="dataaccess_actor_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.subject}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionDenied("The access log is append only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append only.")
