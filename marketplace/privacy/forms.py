"""Forms of the citizen's authorisations and of the operator's desk."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rules
from .models import AssistedAccount, Delegation

#: Signed consent forms: scans or PDFs, at most 5 MB.
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
FISCAL_CODE_LENGTH = 16


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def spaces_by_key():
    """``{translation_key: title}`` of the Spazi WeMi, in the reader's language if any."""
    from wagtail.models import Locale

    from content.spaces.models import SpacePage

    titles = {}
    pages = SpacePage.objects.live().order_by("title")
    for page in pages.filter(locale=Locale.get_default()):
        titles[page.translation_key] = page.title
    for page in pages.filter(locale=Locale.get_active()):
        titles[page.translation_key] = page.title
    return titles


class PeriodAndPurposesForm(forms.Form):
    purposes = forms.MultipleChoiceField(
        label=gettext_lazy("What the operator may do for you"),
        choices=Delegation.PURPOSE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=[rules.PURCHASE, rules.ORDERS],
    )
    starts_on = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Until (included)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("At most one year."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = today + timedelta(days=90)

    def clean(self):
        data = super().clean()
        if "starts_on" in data and "ends_on" in data:
            data["starts_at"] = day_start(data["starts_on"])
            data["ends_at"] = day_start(data["ends_on"] + timedelta(days=1))
            now = timezone.now()
            if data["starts_on"] < timezone.localdate():
                self.add_error("starts_on", _("The start is in the past."))
            for field, message in rules.period_problems(
                data["starts_at"], data["ends_at"], now
            ).items():
                self.add_error(field, message)
        return data


class GrantForm(PeriodAndPurposesForm):
    """The citizen authorises a Spazio operator online."""

    operator = forms.ChoiceField(label=gettext_lazy("Operator and Spazio WeMi"))

    field_order = ["operator", "purposes", "starts_on", "ends_on"]

    def __init__(self, *args, citizen, **kwargs):
        super().__init__(*args, **kwargs)
        from content.spaces.models import SpaceOperator

        self.citizen = citizen
        titles = spaces_by_key()
        self.rows = {}
        choices = [("", _("Choose…"))]
        for row in (
            SpaceOperator.objects.filter(user__is_active=True)
            .exclude(user=citizen)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "pk")
        ):
            if row.space_key not in titles:
                continue
            self.rows[str(row.pk)] = row
            label = f"{row.user.get_full_name() or row.user.email} – {titles[row.space_key]}"
            choices.append((str(row.pk), label))
        self.fields["operator"].choices = choices

    def clean_operator(self):
        row = self.rows.get(self.cleaned_data["operator"])
        if row is None:
            raise forms.ValidationError(_("Choose an operator from the list."))
        return row


def validate_evidence(upload):
    name = upload.name.lower()
    if not name.endswith(EVIDENCE_EXTENSIONS):
        raise forms.ValidationError(_("Upload the signed form as PDF, JPEG or PNG."))
    if upload.size > EVIDENCE_MAX_BYTES:
        raise forms.ValidationError(_("The file is larger than 5 MB."))
    return upload


class DeskConsentForm(PeriodAndPurposesForm):
    """The operator registers a consent the citizen signed at the desk."""

    citizen = forms.CharField(label=gettext_lazy("Citizen's e-mail or fiscal code"), max_length=254)
    space_key = forms.ChoiceField(label=gettext_lazy("Spazio WeMi"))
    evidence_document = forms.FileField(
        label=gettext_lazy("Signed consent form (PDF, JPEG or PNG, at most 5 MB)"),
        validators=[validate_evidence],
    )

    field_order = ["citizen", "space_key", "purposes", "starts_on", "ends_on", "evidence_document"]

    def __init__(self, *args, operator_space_keys, **kwargs):
        super().__init__(*args, **kwargs)
        titles = spaces_by_key()
        self.fields["space_key"].choices = [
            (str(key), titles[key]) for key in sorted(operator_space_keys, key=str) if key in titles
        ]

    def clean_citizen(self):
        value = self.cleaned_data["citizen"].strip()
        User = get_user_model()
        user = User.objects.filter(
            Q(email__iexact=value) | Q(assisted_account__fiscal_code=value.upper()),
            is_active=True,
        ).first()
        if user is None:
            raise forms.ValidationError(
                _("No citizen has this e-mail or fiscal code: register an assisted account.")
            )
        return user


class AssistedAccountForm(DeskConsentForm):
    """The operator registers a citizen without e-mail, with their desk-signed consent."""

    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    fiscal_code = forms.CharField(label=gettext_lazy("Fiscal code"), min_length=16, max_length=16)
    phone = forms.CharField(label=gettext_lazy("Phone number"), max_length=40)
    document = forms.CharField(
        label=gettext_lazy("Identity document seen (type and number)"), max_length=80
    )

    field_order = [
        "first_name",
        "last_name",
        "fiscal_code",
        "phone",
        "document",
        "space_key",
        "purposes",
        "starts_on",
        "ends_on",
        "evidence_document",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["citizen"]

    def clean_fiscal_code(self):
        code = self.cleaned_data["fiscal_code"].strip().upper()
        if not (code.isascii() and code.isalnum() and len(code) == FISCAL_CODE_LENGTH):
            raise forms.ValidationError(_("A fiscal code has 16 letters and digits."))
        if AssistedAccount.objects.filter(fiscal_code=code).exists():
            raise forms.ValidationError(_("A citizen with this fiscal code is already registered."))
        return code
