"""Quote requests to several providers, their answers (quotes) and the conversations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import statuses


def attachment_storage():
    """Attachments of messages are private: kept outside MEDIA_ROOT (which the web server
    may serve), at ``WEMI_PRIVATE_MEDIA_ROOT`` (default ``<project>/private-media``), and
    served only by ``views.attachment`` to the two parties."""
    import os

    from django.core.files.storage import FileSystemStorage

    root = os.environ.get("WEMI_PRIVATE_MEDIA_ROOT") or settings.BASE_DIR / "private-media"
    return FileSystemStorage(location=root, base_url=None)


class QuoteRequest(models.Model):
    """What a citizen needs, sent to up to five providers (one :class:`Quote` each).

    ``need`` and ``zone`` are the Italian taxonomy rows. ``address`` is shown to a provider
    only once its quote is accepted.
    """

    STATUS_CHOICES = [(code, label) for code, label in statuses.REQUEST_LABELS.items()]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quote_requests",
        verbose_name=_("citizen"),
    )
    need = models.ForeignKey(
        "content_taxonomy.Need", on_delete=models.PROTECT, related_name="+", verbose_name=_("need")
    )
    service_key = models.UUIDField(_("service"), null=True, blank=True)
    description = models.TextField(_("what is needed"), max_length=2000)
    for_whom = models.CharField(_("for whom"), max_length=200)
    people = models.PositiveSmallIntegerField(_("people or households"), default=1)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"), null=True, blank=True)
    days_times = models.CharField(_("days and times"), max_length=200, blank=True)
    zone = models.ForeignKey(
        "content_taxonomy.Zone", on_delete=models.PROTECT, related_name="+", verbose_name=_("zone")
    )
    address = models.CharField(_("address"), max_length=200)
    respond_by = models.DateField(_("answers wanted by"))
    status = models.CharField(
        _("status"), max_length=20, choices=STATUS_CHOICES, default=statuses.SENT
    )
    language = models.CharField(_("language"), max_length=10, default="it")
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")
        permissions = [("view_quote_statistics", _("Can see quote statistics and reports"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(people__gte=1), name="quote_request_people_positive"
            ),
        ]

    def __str__(self):
        return f"{self.uuid}"

    @property
    def status_label(self):
        return statuses.request_label(self.status)


class Quote(models.Model):
    """One provider's answer to a request: waiting, a price, or a refusal."""

    STATUS_CHOICES = [(code, label) for code, label in statuses.QUOTE_LABELS.items()]

    class PricingKind(models.TextChoices):
        MARKET = "market", _("Provider's price")
        ACCREDITED = "accredited", _("Accredited tariff (depends on ISEE)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        QuoteRequest, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("request")
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="quotes",
        verbose_name=_("provider"),
    )
    service_key = models.UUIDField(_("service"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=STATUS_CHOICES, default=statuses.AWAITING
    )
    pricing_kind = models.CharField(
        _("pricing"), max_length=20, choices=PricingKind.choices, default=PricingKind.MARKET
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=8, decimal_places=2, null=True)
    unit_price = models.DecimalField(
        _("price per unit (EUR)"), max_digits=10, decimal_places=2, null=True
    )
    amount = models.DecimalField(_("total (EUR)"), max_digits=10, decimal_places=2, null=True)
    included = models.TextField(_("what is included"), blank=True)
    proposed_start = models.DateField(_("proposed start"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    order_line = models.OneToOneField(
        "order.Line", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="quote", verbose_name=_("order line"),
    )
    reported_at = models.DateTimeField(_("reported on"), null=True, blank=True)
    report_reason = models.TextField(_("reason for the report"), blank=True)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)

    class Meta:
        ordering = ["request", "pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.UniqueConstraint(fields=["request", "partner"], name="one_quote_per_provider"),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status__in=statuses.CHOSEN),
                name="one_chosen_quote_per_request",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="quote_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.request_id}/{self.partner_id}"

    @property
    def status_label(self):
        return statuses.quote_label(self.status)

    @property
    def unit_label(self):
        """The unit of the quote, translated (``StockRecord.Unit``), or as stored."""
        from oscar.core.loading import get_model

        units = dict(get_model("partner", "StockRecord").Unit.choices)
        return units.get(self.unit, self.unit)


class QuoteMessage(models.Model):
    """A message in the thread of one request-provider pair (plain text, optional file)."""

    class Side(models.TextChoices):
        CITIZEN = "citizen", _("Citizen")
        PROVIDER = "provider", _("Provider")
        OPERATOR = "operator", _("Comune operator")

    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="messages", verbose_name=_("quote")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("author"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    body = models.TextField(_("message"), max_length=4000, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="quote-attachments/%Y/%m/",
                                  storage=attachment_storage, max_length=200,
                                  blank=True)
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.quote_id}: {self.side}"


class QuoteReadMark(models.Model):
    """Until when one side has read a thread (for unread counts and "away" e-mails)."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="read_marks")
    side = models.CharField(max_length=10, choices=QuoteMessage.Side.choices)
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quote", "side"], name="one_read_mark_per_side")
        ]

    def __str__(self):
        return f"{self.quote_id}: {self.side}"


class QuoteStatusChange(models.Model):
    """Who moved a quote from one status to another, and when."""

    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("quote")
    )
    old_status = models.CharField(_("old status"), max_length=20)
    new_status = models.CharField(_("new status"), max_length=20)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.quote_id}: {self.old_status} -> {self.new_status}"
