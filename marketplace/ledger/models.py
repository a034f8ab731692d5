"""Public and employer money as one double-entry, append-only ledger (docs/decisions/0027).

- ``Account``: who holds money (a fund's budget, a voucher's wallet, the holds of open orders,
  what a fund owes a provider, the outside world). Amounts are integer cents, EUR. The stored
  ``balance`` caches the sum of the account's entries; it moves only by the conditional UPDATEs
  in ``posting.py``, in the same transaction as the entries, and a CHECK constraint keeps every
  account except the outside world at or above zero.
- ``Transfer``: one movement between two accounts, named by a unique idempotency key; its two
  ``Entry`` legs sum to zero. Neither is ever updated or deleted: a mistake is reversed by a new
  transfer pointing at it (``parent``).
- ``Tender``: what one source paid for one order line (voucher hold or "pay the provider"),
  with counters for captured, released and refunded cents under CHECK constraints.
- ``Fund`` ("bando"), ``Voucher`` and ``VoucherApplication``: the Comune's vouchers.
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from . import rules


class AppendOnly(Exception):
    """Ledger rows are never changed or deleted: post a reversing transfer instead."""


class AppendOnlyModel(models.Model):
    """Rows are written once: saving an existing row or deleting one raises ``AppendOnly``."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly


class Fund(models.Model):
    """A voucher fund ("bando"): budget, who may apply, how much each voucher is worth and
    what it may buy."""

    class Kind(models.TextChoices):
        COMUNE_VOUCHER = "comune_voucher", _("Comune voucher")
        EMPLOYER_CREDIT = "employer_credit", _("Employer welfare credit")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.COMUNE_VOUCHER)
    description = models.TextField(_("description"), blank=True)
    budget_cents = models.PositiveBigIntegerField(
        _("total budget (cents)"),
        help_text=_("Loaded into the fund when it is saved the first time; raise it later with "
                    "a top-up."),
    )
    isee_ceiling = models.DecimalField(
        _("ISEE ceiling (EUR)"), max_digits=10, decimal_places=2,
        default=rules.DEFAULT_ISEE_CEILING,
    )
    bands = models.JSONField(
        _("amount by ISEE band"),
        default=rules.default_bands,
        help_text=_('A list of [ISEE up to (EUR), amount (EUR)] pairs, e.g. '
                    '[[15000, 400], [27000, 200]].'),
    )
    per_minor = models.BooleanField(
        _("amount per minor"), default=False,
        help_text=_("Multiply the amount by the number of minors named in the application."),
    )
    applications_from = models.DateField(_("applications open from"))
    applications_until = models.DateField(_("applications close on"))
    valid_until = models.DateField(_("vouchers valid until"))
    catalogue_0_18 = models.BooleanField(
        _("buys from the Milano 0-18 catalogue"), default=True,
        help_text=_("Activities for minors listed in the 0-18 catalogue."),
    )
    needs = models.ManyToManyField(
        "content_taxonomy.Need", blank=True, related_name="+", verbose_name=_("or these needs"),
        help_text=_("Services meeting one of these needs may also be bought."),
    )
    # An employer's welfare credit plan: the company whose money it is (decision 0030). Its
    # period runs from ``applications_from`` to ``valid_until``.
    organisation = models.ForeignKey(
        "marketplace_organisations.Organisation", on_delete=models.PROTECT, null=True,
        blank=True, related_name="welfare_plans", verbose_name=_("employer"),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    class Meta:
        ordering = ["-applications_from", "name"]
        verbose_name = _("voucher fund")
        verbose_name_plural = _("voucher funds")
        permissions = [("manage_vouchers", "Can manage voucher funds and vouchers")]
        constraints = [
            models.CheckConstraint(
                condition=Q(applications_until__gte=F("applications_from")),
                name="ledger_fund_application_period",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("applications_from")),
                name="ledger_fund_validity",
            ),
            # An employer's plan belongs to a company; a Comune fund to nobody.
            models.CheckConstraint(
                condition=Q(kind="employer_credit", organisation__isnull=False)
                | Q(kind="comune_voucher", organisation__isnull=True),
                name="ledger_fund_employer_iff_credit",
            ),
            models.UniqueConstraint(
                fields=["organisation", "name"], condition=Q(organisation__isnull=False),
                name="ledger_one_plan_name_per_employer",
            ),
        ]

    def __str__(self):
        return self.name

    def account(self, kind):
        return Account.objects.get(fund=self, kind=kind, holder_id__isnull=True)


class Account(models.Model):
    class Kind(models.TextChoices):
        EXTERNAL = "external", _("outside the ledger")
        FUND = "fund", _("fund budget")
        WALLET = "wallet", _("voucher or credit")
        HOLD = "hold", _("held for orders")
        PAYABLE = "payable", _("owed to a provider")
        EMPLOYER = "employer", _("returned to the employer")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FROZEN = "frozen", _("frozen")
        CLOSED = "closed", _("closed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    balance = models.BigIntegerField(_("balance (cents)"), default=0)
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="accounts", verbose_name=_("fund"))
    # Who the money belongs to: a voucher, a provider (Partner), a company: any row.
    holder_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+")
    holder_id = models.PositiveBigIntegerField(null=True, blank=True)
    holder = GenericForeignKey("holder_type", "holder_id")
    name = models.CharField(_("name"), max_length=200, blank=True)
    valid_until = models.DateField(_("spendable until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        constraints = [
            # A holder's balance is never negative: only the outside world can be.
            models.CheckConstraint(
                condition=Q(kind="external") | Q(balance__gte=0),
                name="ledger_account_not_negative",
            ),
            models.CheckConstraint(condition=Q(currency="EUR"), name="ledger_account_eur"),
            # One budget and one hold account per fund; one payable per fund and provider.
            models.UniqueConstraint(
                fields=["fund", "kind"], condition=Q(kind__in=["fund", "hold"]),
                name="ledger_one_budget_and_hold_per_fund",
            ),
            models.UniqueConstraint(
                fields=["fund", "kind", "holder_type", "holder_id"],
                condition=Q(kind="payable"), name="ledger_one_payable_per_provider",
            ),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="external", fund__isnull=True),
                name="ledger_one_outside_world",
            ),
            models.UniqueConstraint(
                fields=["holder_type", "holder_id"], condition=Q(kind="employer"),
                name="ledger_one_account_per_employer",
            ),
        ]

    def __str__(self):
        return self.name or f"{self.get_kind_display()} #{self.pk}"

    @property
    def balance_eur(self):
        return rules.to_eur(self.balance)

    @classmethod
    def outside(cls):
        """The one account standing for money outside the ledger (treasury, banks)."""
        return cls.objects.get_or_create(
            kind=cls.Kind.EXTERNAL, fund=None, defaults={"name": "Outside the ledger"}
        )[0]

    @classmethod
    def payable(cls, fund, partner):
        return cls.objects.get_or_create(
            fund=fund, kind=cls.Kind.PAYABLE,
            holder_type=ContentType.objects.get_for_model(partner), holder_id=partner.pk,
            defaults={"name": f"{fund} → {partner}"[:200]},
        )[0]


class Transfer(AppendOnlyModel):
    class Kind(models.TextChoices):
        LOAD = "load", _("budget loaded")
        GRANT = "grant", _("voucher granted")
        HOLD = "hold", _("held at order")
        CAPTURE = "capture", _("paid at delivery")
        RELEASE = "release", _("released")
        REFUND = "refund", _("refunded")
        EXPIRE = "expire", _("expired, back to the fund")
        SETTLE = "settle", _("settled with the provider")
        REVERSE = "reverse", _("reversal")
        RETURN = "return", _("returned to the employer")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("from"))
    destination = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("to"))
    amount = models.PositiveBigIntegerField(_("amount (cents)"))
    idempotency_key = models.CharField(max_length=200, unique=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("reverses"))
    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("order line"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("by"))
    memo = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_transfer_positive"),
            models.CheckConstraint(condition=~Q(source=F("destination")),
                                   name="ledger_transfer_two_accounts"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {rules.format_cents(self.amount)}"


class Entry(AppendOnlyModel):
    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField(_("amount (cents)"))

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(fields=["transfer", "account"], name="ledger_entry_one_leg"),
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_not_zero"),
        ]

    def __str__(self):
        return f"{self.account}: {rules.format_cents(self.amount)}"


def new_voucher_code():
    return rules.voucher_code(secrets.randbits(40))


class Voucher(models.Model):
    """A fund's voucher for one minor, held by a fiscal code (linked to the citizen's
    account when there is one); its money is in ``account`` (a wallet)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CANCELLED = "cancelled", _("cancelled")
        EXPIRED = "expired", _("expired")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="vouchers",
                             verbose_name=_("fund"))
    code = models.CharField(_("code"), max_length=20, unique=True, default=new_voucher_code)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.ACTIVE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="vouchers", verbose_name=_("citizen"))
    holder_fiscal_code = models.CharField(_("holder's fiscal code"), max_length=16)
    minor_name = models.CharField(_("minor's name"), max_length=200, blank=True)
    minor_fiscal_code = models.CharField(_("minor's fiscal code"), max_length=16)
    amount = models.PositiveBigIntegerField(_("amount granted (cents)"))
    account = models.OneToOneField(Account, on_delete=models.PROTECT, related_name="voucher",
                                   verbose_name=_("wallet"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("granted on"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        constraints = [
            # One voucher per minor and fund, whatever the number of concurrent claims.
            models.UniqueConstraint(fields=["fund", "minor_fiscal_code"],
                                    name="ledger_one_voucher_per_minor"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_voucher_positive"),
        ]

    def __str__(self):
        return self.code

    @property
    def valid_until(self):
        return self.account.valid_until


class VoucherApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="applications",
                             verbose_name=_("fund"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="voucher_applications", verbose_name=_("citizen"))
    holder_fiscal_code = models.CharField(_("your fiscal code"), max_length=16)
    minor_name = models.CharField(_("minor's name"), max_length=200)
    minor_fiscal_code = models.CharField(_("minor's fiscal code"), max_length=16)
    minor_age = models.PositiveSmallIntegerField(_("minor's age"))
    isee_value = models.DecimalField(_("ISEE (EUR)"), max_digits=10, decimal_places=2)
    amount = models.PositiveBigIntegerField(_("amount (cents)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SUBMITTED)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    voucher = models.OneToOneField(Voucher, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="application")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("submitted on"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voucher application")
        verbose_name_plural = _("voucher applications")
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "minor_fiscal_code"], condition=~Q(status="refused"),
                name="ledger_one_open_application_per_minor",
            ),
        ]

    def __str__(self):
        return f"{self.fund} – {self.minor_name}"

    @property
    def amount_eur(self):
        return rules.to_eur(self.amount)


class Tender(models.Model):
    """What one source pays for one order line: a voucher or welfare credit (held at
    placement, captured at delivery, released on decline or cancel) or "pay the provider"
    (recorded only)."""

    class Method(models.TextChoices):
        VOUCHER = "voucher", _("Voucher")
        CREDIT = "credit", _("Welfare credit")
        PROVIDER = "pay-provider", _("To be paid by the citizen to the provider")

    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="tenders")
    method = models.CharField(max_length=20, choices=Method.choices)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="tenders")
    source = models.ForeignKey("payment.Source", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    amount = models.PositiveBigIntegerField(_("amount (cents)"))
    captured = models.PositiveBigIntegerField(default=0)
    released = models.PositiveBigIntegerField(default=0)
    refunded = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["line", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(captured__gte=0) & Q(released__gte=0) & Q(refunded__gte=0)
                & Q(amount__gte=F("captured") + F("released")),
                name="ledger_tender_within_hold",
            ),
            models.CheckConstraint(condition=Q(refunded__lte=F("captured")),
                                   name="ledger_tender_refund_within_capture"),
            models.CheckConstraint(
                condition=Q(method__in=["voucher", "credit"], account__isnull=False)
                | Q(method="pay-provider", account__isnull=True),
                name="ledger_tender_account_iff_voucher",
            ),
        ]

    def __str__(self):
        return f"{self.get_method_display()}: {rules.format_cents(self.amount)}"


class Credit(models.Model):
    """An employee's welfare credit in an employer's plan (a ``Fund`` of kind
    ``employer_credit``): addressed to an e-mail address, attached to the account with that
    address (now, or when it logs in); its money is in ``account`` (a wallet)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="credits",
                             verbose_name=_("plan"))
    email = models.EmailField(_("employee's e-mail"))
    language = models.CharField(_("language"), max_length=10, default="it")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="welfare_credits",
                             verbose_name=_("employee"))
    amount = models.PositiveBigIntegerField(_("amount granted (cents)"), default=0)
    account = models.OneToOneField(Account, on_delete=models.PROTECT, related_name="credit",
                                   verbose_name=_("wallet"))
    invited_at = models.DateTimeField(_("invited on"), null=True, blank=True)
    created_at = models.DateTimeField(_("granted on"), auto_now_add=True)

    class Meta:
        ordering = ["fund", "email"]
        verbose_name = _("welfare credit")
        verbose_name_plural = _("welfare credits")
        constraints = [
            # One wallet per employee and plan: a second load adds to it.
            models.UniqueConstraint(fields=["fund", "email"], name="ledger_one_credit_per_email"),
        ]

    def __str__(self):
        return self.code

    @property
    def code(self):
        """The reference of the credit on orders (Oscar's payment source)."""
        return f"WC-{self.pk}"

    @property
    def valid_until(self):
        return self.account.valid_until
class Refund(AppendOnlyModel):
    """One refund of a delivered order line, named by its key (a form submission): the
    record that makes a second submission change nothing, also for the part the citizen paid
    the provider directly (which moves no ledger money). Its voucher parts are REFUND
    transfers carrying the same key."""

    line = models.ForeignKey("order.Line", on_delete=models.PROTECT, related_name="refunds",
                             verbose_name=_("order line"))
    key = models.CharField(max_length=200, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (cents)"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_refund_positive"),
        ]

    def __str__(self):
        return f"{self.line_id}: {rules.format_cents(self.amount)}"

    @property
    def amount_eur(self):
        return rules.to_eur(self.amount)
