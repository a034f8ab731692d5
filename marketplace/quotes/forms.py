import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.taxonomy.models import Need, Zone, localized
from marketplace.zones import zone_choices

from . import rules
from .models import Quote

StockUnits = [
    ("hour", _("hour")),
    ("session", _("session")),
    ("month", _("month")),
    ("package", _("package")),
]


def need_choices():
    """Needs grouped by category, in the reader's language; values are Italian pks."""
    needs = list(Need.objects.in_default_locale().select_related("parent"))
    names = {need.pk: shown.name for need, shown in zip(needs, localized(needs), strict=True)}
    categories = sorted((n for n in needs if n.parent_id is None),
                        key=lambda n: (n.sort_order, names[n.pk]))
    choices = []
    for category in categories:
        children = sorted((n for n in needs if n.parent_id == category.pk),
                          key=lambda n: (n.sort_order, names[n.pk]))
        if children:
            choices.append((names[category.pk], [(n.pk, names[n.pk]) for n in children]))
        else:
            choices.append((category.pk, names[category.pk]))
    return choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProviderChoiceField(forms.TypedMultipleChoiceField):
    """Provider ids; which ones may be chosen is known only once need and zone are clean
    (``RequestForm.check_providers``)."""

    def valid_value(self, value):
        return str(value).isascii() and str(value).isdigit() and len(str(value)) < 12


class RequestForm(forms.Form):
    """What the citizen needs; ``providers`` is offered once need and zone are valid."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    need = forms.TypedChoiceField(label=_("What kind of help"), coerce=int)
    description = forms.CharField(
        label=_("What is needed"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: help with washing and meals, five mornings a week."),
    )
    for_whom = forms.CharField(label=_("For whom"), max_length=200,
                               help_text=_("For example: my mother, 82 years old."))
    people = forms.IntegerField(label=_("How many people or households"), min_value=1,
                                max_value=50, initial=1)
    period_start = forms.DateField(label=_("From"), widget=DateInput())
    period_end = forms.DateField(label=_("Until (optional)"), required=False,
                                 widget=DateInput())
    days_times = forms.CharField(label=_("Days and times"), max_length=200, required=False,
                                 help_text=_("For example: Monday to Friday, 8 to 11."))
    zone = forms.TypedChoiceField(label=_("Zone"), coerce=int)
    address = forms.CharField(
        label=_("Address"), max_length=200,
        help_text=_("Providers see it only after you accept their quote."),
    )
    respond_by = forms.DateField(label=_("Answers wanted by"), widget=DateInput())
    providers = ProviderChoiceField(
        label=_("Providers to ask"), coerce=int, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose up to %(count)s providers.") % {"count": rules.MAX_PROVIDERS},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", "---------")] + need_choices()
        self.fields["zone"].choices = [("", "---------")] + zone_choices()
        self.candidates = []
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.setdefault("token", uuid.uuid4())
            self.initial.setdefault("period_start", today + datetime.timedelta(days=7))
            self.initial.setdefault(
                "respond_by", today + datetime.timedelta(days=rules.DEFAULT_ANSWER_DAYS)
            )

    def set_candidates(self, candidates):
        """``[(service page, provider page)]``: the providers offered as choices."""
        self.candidates = candidates
        self.fields["providers"].choices = [
            (provider.pk, provider.pk) for _service, provider in candidates
        ]

    def clean_need(self):
        need = Need.objects.in_default_locale().filter(pk=self.cleaned_data["need"]).first()
        if need is None:
            raise forms.ValidationError(_("Choose what kind of help you need."))
        return need

    def clean_zone(self):
        zone = Zone.objects.in_default_locale().filter(pk=self.cleaned_data["zone"]).first()
        if zone is None:
            raise forms.ValidationError(_("Choose the zone."))
        return zone

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start, end = data.get("period_start"), data.get("period_end")
        if start and start < today:
            self.add_error("period_start", _("The start cannot be in the past."))
        if start and end and end < start:
            self.add_error("period_end", _("The end cannot come before the start."))
        respond_by = data.get("respond_by")
        if respond_by and not (
            today <= respond_by <= today + datetime.timedelta(days=rules.MAX_ANSWER_DAYS)
        ):
            self.add_error(
                "respond_by",
                _("Choose a date between today and %(days)s days from today.")
                % {"days": rules.MAX_ANSWER_DAYS},
            )
        return data

    def check_providers(self):
        """The chosen candidates, or an error on the field (1 to MAX_PROVIDERS)."""
        chosen = set(self.cleaned_data.get("providers") or [])
        offered = {provider.pk for _service, provider in self.candidates}
        if chosen - offered:
            self.add_error("providers", _("Choose among the providers listed."))
            return None
        try:
            rules.check_provider_count(len(chosen))
        except rules.QuoteRuleError as error:
            self.add_error("providers", str(error))
            return None
        return [(service, provider) for service, provider in self.candidates
                if provider.pk in chosen]


class AnswerForm(forms.ModelForm):
    """The provider's quote."""

    unit = forms.ChoiceField(label=_("Unit"), choices=StockUnits)

    class Meta:
        model = Quote
        fields = ["unit", "quantity", "unit_price", "included", "proposed_start", "valid_until"]
        widgets = {
            "proposed_start": DateInput(),
            "valid_until": DateInput(),
            "included": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("quantity", "unit_price", "valid_until"):
            self.fields[name].required = True
        self.fields["quantity"].min_value = 0
        if not self.instance.valid_until:
            self.initial["valid_until"] = timezone.localdate() + datetime.timedelta(days=14)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=rules.MAX_MESSAGE_CHARS,
                           required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=_("Attach a file (optional)"), required=False,
        help_text=_("PDF or image (PNG, JPEG, WebP), at most 5 MB."),
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > rules.MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        head = upload.read(16)
        upload.seek(0)
        if rules.sniff_attachment(head) is None:
            raise forms.ValidationError(_("Only PDF files and images can be attached."))
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("body") or "").strip() and not data.get("attachment") \
                and not self.errors:
            raise forms.ValidationError(_("Write a message or attach a file."))
        return data
