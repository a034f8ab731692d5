import csv
import io
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.pricing.rules import format_amount, isee_counts

from . import rules
from .models import Fund, VoucherApplication

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


class FundForm(forms.ModelForm):
    budget = forms.DecimalField(label=_("Total budget (EUR)"), min_value=Decimal("1"),
                                max_digits=12, decimal_places=2)

    class Meta:
        model = Fund
        fields = ["name", "description", "isee_ceiling", "bands", "per_minor",
                  "applications_from", "applications_until", "valid_until", "catalogue_0_18",
                  "needs"]
        widgets = {
            "applications_from": forms.DateInput(attrs={"type": "date"}),
            "applications_until": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
            "needs": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from content.taxonomy.models import Need

        self.fields["needs"].queryset = Need.objects.filter(
            locale__language_code="it", parent__isnull=False)
        if self.instance.pk:
            # The budget moves only through the ledger (top-ups), not by editing a number.
            del self.fields["budget"]

    def clean_bands(self):
        bands = self.cleaned_data["bands"]
        problem = rules.validate_bands(bands)
        if problem:
            raise ValidationError(problem)
        return bands

    def clean(self):
        data = super().clean()
        start, end, valid = (data.get("applications_from"), data.get("applications_until"),
                             data.get("valid_until"))
        if start and end and end < start:
            self.add_error("applications_until", _("Applications close after they open."))
        if start and valid and valid < start:
            self.add_error("valid_until", _("Vouchers stay valid after applications open."))
        if not data.get("catalogue_0_18") and not data.get("needs"):
            self.add_error("needs", _("Choose the 0-18 catalogue, some needs, or both."))
        return data


class TopUpForm(forms.Form):
    amount = forms.DecimalField(label=_("Add to the budget (EUR)"), min_value=Decimal("0.01"),
                                max_digits=12, decimal_places=2)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: holder's fiscal code, minor's fiscal code, amount in EUR "
                    "(a header row is allowed; comma or semicolon)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Save the file as CSV in UTF-8.")) from None
        dialect = csv.excel
        try:
            dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t")
        except csv.Error:
            pass
        rows = list(csv.reader(io.StringIO(text), dialect))
        if len(rows) > MAX_IMPORT_ROWS + 1:
            raise ValidationError(_("At most 5,000 rows per file."))
        return rows


def parse_grant_row(row):
    """``(holder_cf, minor_cf, cents)`` from a CSV row, or raise ValueError with the reason
    (a message for the operator)."""
    cells = [cell.strip() for cell in row]
    if len(cells) < 3:
        raise ValueError(_("Three columns are needed: holder, minor, amount."))
    holder, minor, amount = cells[:3]
    for code in (holder, minor):
        problem = rules.fiscal_code_problem(code)
        if problem:
            raise ValueError(f"{code}: {problem}")
    problem = rules.minor_problem(minor, None, timezone.localdate())
    if problem:
        raise ValueError(problem)
    try:
        value = Decimal(amount.replace("€", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("The amount is not a number.")) from None
    if value <= 0 or value > 10000:
        raise ValueError(_("The amount is between 0.01 and 10,000 EUR."))
    return (rules.normalise_fiscal_code(holder), rules.normalise_fiscal_code(minor),
            rules.to_cents(value))


class ApplicationForm(forms.ModelForm):
    """A family applies for a voucher for one minor."""

    class Meta:
        model = VoucherApplication
        fields = ["holder_fiscal_code", "minor_name", "minor_fiscal_code", "minor_age"]
        widgets = {
            "holder_fiscal_code": forms.TextInput(attrs={
                "dir": "ltr", "autocomplete": "off", "spellcheck": "false",
                "autocapitalize": "characters"}),
            "minor_fiscal_code": forms.TextInput(attrs={
                "dir": "ltr", "autocomplete": "off", "spellcheck": "false",
                "autocapitalize": "characters"}),
            "minor_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "minor_age": forms.NumberInput(attrs={"min": 0, "max": 17, "inputmode": "numeric"}),
        }

    def __init__(self, *args, fund, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fund = fund
        self.user = user
        self.fields["minor_age"].max_value = 17

    def clean_holder_fiscal_code(self):
        code = self.cleaned_data["holder_fiscal_code"]
        problem = rules.fiscal_code_problem(code)
        if problem:
            raise ValidationError(problem)
        return rules.normalise_fiscal_code(code)

    def clean_minor_fiscal_code(self):
        code = self.cleaned_data["minor_fiscal_code"]
        problem = rules.fiscal_code_problem(code)
        if problem:
            raise ValidationError(problem)
        return rules.normalise_fiscal_code(code)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        code, age = data.get("minor_fiscal_code"), data.get("minor_age")
        if code and age is not None:
            problem = rules.minor_problem(code, age, today)
            if problem:
                self.add_error("minor_age", problem)
        if not (self.fund.applications_from <= today <= self.fund.applications_until):
            raise ValidationError(_("Applications for this fund are closed."))
        declaration = getattr(self.user, "isee_declaration", None)
        if not isee_counts(declaration, today):
            raise ValidationError(_(
                "You need a verified ISEE declaration that has not expired: declare it in "
                "your account, then apply."))
        amount = rules.voucher_amount(self.fund.bands, declaration.value,
                                      self.fund.isee_ceiling, minors=1,
                                      per_minor=self.fund.per_minor)
        if amount is None:
            raise ValidationError(_("Your ISEE is above this fund's ceiling of %(max)s EUR.")
                                  % {"max": self.fund.isee_ceiling})
        if code and VoucherApplication.objects.filter(
            fund=self.fund, minor_fiscal_code=code
        ).exclude(status=VoucherApplication.Status.REFUSED).exists():
            self.add_error("minor_fiscal_code",
                           _("There is already an application for this minor."))
        self.instance.fund = self.fund
        self.instance.user = self.user
        self.instance.isee_value = declaration.value
        self.instance.amount = amount
        return data


# Employer welfare credit (docs/decisions/0030).

def _language_choices():
    from django.conf import settings

    return [(code, name) for code, name in settings.LANGUAGES]


class NeedChoiceField(forms.ModelMultipleChoiceField):
    """Needs are stored as the Italian (source) rows services are tagged with; each is shown
    by its name in the reader's language."""

    def label_from_instance(self, need):
        return getattr(self, "names", {}).get(need.translation_key, need.name)


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name of the plan"), max_length=200,
                           help_text=_("For example: Welfare 2027."))
    valid_from = forms.DateField(label=_("Valid from"),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Valid until"),
                                  widget=forms.DateInput(attrs={"type": "date"}))
    budget = forms.DecimalField(
        label=_("Budget (EUR)"), min_value=Decimal("1"), max_digits=12, decimal_places=2,
        help_text=_("The company's money for this plan; credit for employees is taken from "
                    "it and what is not spent comes back at the end of the period."))
    needs = NeedChoiceField(
        label=_("Only for services meeting these needs (none: every service)"),
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        from content.taxonomy.models import Need

        self.organisation = organisation
        field = self.fields["needs"]
        field.queryset = Need.objects.filter(locale__language_code="it",
                                             parent__isnull=False).order_by("name")
        field.names = dict(Need.objects.filter(locale__language_code=get_language())
                           .values_list("translation_key", "name"))

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The period ends on or after the day it starts."))
        if end and end < timezone.localdate():
            self.add_error("valid_until", _("The period cannot end in the past."))
        name = data.get("name")
        if name and Fund.objects.filter(organisation=self.organisation, name=name).exists():
            self.add_error("name", _("The company already has a plan with this name."))
        return data


class CreditLoadForm(forms.Form):
    email = forms.EmailField(label=_("Employee's e-mail"),
                             widget=forms.EmailInput(attrs={"dir": "ltr",
                                                            "autocomplete": "off"}))
    amount = forms.DecimalField(label=_("Amount (EUR)"), min_value=Decimal("0.01"),
                                max_digits=12, decimal_places=2)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=())
    request_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        self.fields["language"].choices = _language_choices()
        self.fields["language"].initial = get_language()


class CreditImportForm(ImportForm):
    language = forms.ChoiceField(label=_("Language of the invitations"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.html import conditional_escape, format_html_join
        from django.utils.safestring import mark_safe
        from django.utils.translation import get_language

        # The codes a third column may hold, each kept whole and left to right (an Arabic
        # page would otherwise break "zh-hans" at its hyphen, or reorder the list).
        codes = format_html_join(" ", '<code class="text-nowrap" dir="ltr">{}</code>',
                                 ((code,) for code, _name in _language_choices()))
        self.fields["language"].help_text = mark_safe(  # noqa: S308 (escaped text, codes)
            conditional_escape(_("Used for rows without a third column: %(codes)s."))
            % {"codes": codes})

        self.fields["file"].help_text = _(
            "Columns: employee's e-mail, amount in EUR, optionally the language of the "
            "invitation (a header row is allowed; comma or semicolon).")
        self.fields["language"].choices = _language_choices()
        self.fields["language"].initial = get_language()


class PlanTopUpForm(forms.Form):
    amount = forms.DecimalField(label=_("Add to the budget (EUR)"), min_value=Decimal("0.01"),
                                max_digits=12, decimal_places=2)
    request_key = forms.UUIDField(widget=forms.HiddenInput)
class RefundForm(forms.Form):
    """A refund of a delivered line, in EUR (a comma or a point before the cents), at most
    what can still be refunded; ``form_key`` names this submission (a double submit of the
    same page refunds once)."""

    amount = forms.CharField(
        label=_("Amount to refund (EUR)"), max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr",
                                      "autocomplete": "off"}),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300,
                             help_text=_("The citizen and the provider read it."))
    form_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, refundable_cents, **kwargs):
        super().__init__(*args, **kwargs)
        self.refundable_cents = refundable_cents
        self.fields["amount"].help_text = _("At most %(amount)s EUR.") % {
            "amount": format_amount(rules.to_eur(refundable_cents))}

    def clean_amount(self):
        text = self.cleaned_data["amount"].replace("€", "").replace(" ", "").replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("Write the amount as a number, e.g. 12,50.")) from None
        if not value.is_finite() or value != value.quantize(Decimal("0.01")) or value <= 0:
            raise ValidationError(_("Write an amount above zero with at most two decimals."))
        cents = rules.to_cents(value)
        if cents > self.refundable_cents:
            raise ValidationError(_("At most %(amount)s EUR can still be refunded.") % {
                "amount": format_amount(rules.to_eur(self.refundable_cents))})
        return cents
