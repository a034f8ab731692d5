from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import statuses


class LineFulfilment(models.Model):
    """What the provider told the citizen about one order line: the schedule or the refusal,
    and when the provider received the citizen's payment (``payments.record_payment``)."""

    line = models.OneToOneField(
        "order.Line", on_delete=models.CASCADE, related_name="fulfilment", verbose_name=_("line")
    )
    scheduled_start = models.DateTimeField(_("scheduled start"), null=True, blank=True)
    schedule_notes = models.TextField(_("schedule notes"), blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    payment_received_at = models.DateTimeField(_("payment received on"), null=True, blank=True)
    payment_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("payment recorded by"),
    )

    class Meta:
        verbose_name = _("line fulfilment")
        verbose_name_plural = _("line fulfilments")
        permissions = [
            ("view_all_orders", _("Can see and export every order")),
            ("change_accredited_tariff", _("Can set the accredited tariff of offers")),
        ]

    def __str__(self):
        return f"{self.line}"


class LineStatusChange(models.Model):
    """Who moved an order line from one status to another, and when."""

    line = models.ForeignKey(
        "order.Line",
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("line"),
    )
    old_status = models.CharField(_("old status"), max_length=100)
    new_status = models.CharField(_("new status"), max_length=100)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("line status change")
        verbose_name_plural = _("line status changes")

    def __str__(self):
        return f"{self.line_id}: {self.old_status} -> {self.new_status}"

    @property
    def new_status_label(self):
        return statuses.line_status_label(self.new_status)
