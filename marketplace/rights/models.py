from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountErasure(models.Model):
    """The record that an account was erased (GDPR art. 5(2): the Comune shows it did it).

    It holds no personal data: the erased account keeps only a placeholder address. One per
    account, so a second click on "delete" finds the first erasure instead of repeating it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="erasure",
        verbose_name=_("erased account"),
    )
    erased_at = models.DateTimeField(_("erased at"))
    requested_by_citizen = models.BooleanField(_("requested by the citizen"), default=True)
    cancelled_lines = models.PositiveIntegerField(_("order lines cancelled"), default=0)
    orders_kept = models.PositiveIntegerField(_("orders kept without personal data"), default=0)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("account erasure")
        verbose_name_plural = _("account erasures")

    def __str__(self):
        return f"{self.user_id} – {self.erased_at:%Y-%m-%d}"
