from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..phones import MAX_INPUT_LENGTH, normalise_phone
from .payment_methods import available_methods


class ContactDetailsForm(forms.Form):
    """Whom the providers call (name, phone), whom the service is for, and notes for them."""

    name = forms.CharField(label=_("Full name"), max_length=255)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=MAX_INPUT_LENGTH,
        help_text=_("The providers call you on this number to agree on the schedule."),
        # Digits and "+" read left to right in every language (Arabic included).
        widget=forms.TextInput(
            attrs={"type": "tel", "dir": "ltr", "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    beneficiary = forms.CharField(
        label=_("Who receives the service (optional)"),
        required=False,
        max_length=255,
        help_text=_(
            "The name of the person the care is for, if it is not you: a parent, a child. "
            "Leave it empty if the service is for you."
        ),
    )
    notes = forms.CharField(
        label=_("Notes for the providers (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_phone(self):
        """The number in international format (``marketplace.phones.normalise_phone``)."""
        return normalise_phone(self.cleaned_data["phone"])


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("How do you want to pay?"), widget=forms.RadioSelect)

    def __init__(self, basket, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.methods = available_methods(basket, user)
        for method in self.methods:
            method.label_here = method.label(basket, user)
        self.fields["method"].choices = [
            (method.code, method.label_here) for method in self.methods
        ]
        if len(self.methods) == 1:
            self.fields["method"].initial = self.methods[0].code


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I agree that WeMi passes my contact details and the service address to the "
            "providers of these services, to deliver them (privacy notice)."
        ),
        error_messages={"required": _("Please give your consent to place the order.")},
    )

    def __init__(self, *args, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        if privacy_url:  # the notice the consent refers to, one click away
            self.fields["consent"].label = format_html(
                '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                _(
                    "I agree that WeMi passes my contact details and the service address to "
                    "the providers of these services, to deliver them, as the privacy notice "
                    "explains."
                ),
                privacy_url,
                _("Read the privacy notice (opens in a new tab)"),
            )


class ActingConsentForm(forms.Form):
    """The summary's confirmation when a Spazio operator places an order *for* a citizen
    (acting mode): how the citizen agreed to this very order — present at the desk, or on
    the phone with the operator's note of the call — and the operator's explicit
    confirmation. The delegation allows the operator to act; this records the citizen's
    agreement to the order itself (docs/decisions/0029)."""

    CHANNEL_CHOICES = [
        ("desk", _("The citizen is here at the desk and agreed")),
        ("phone", _("The citizen agreed on the phone")),
    ]

    channel = forms.ChoiceField(
        label=_("How did the citizen agree to this order?"),
        choices=CHANNEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the citizen agreed to this order.")},
    )
    consent_note = forms.CharField(
        label=_("Note of the call (needed for the phone)"),
        help_text=_(
            "When you called, the number, and what the citizen said: it is kept with the "
            "order and shown to the citizen."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    citizen_agreed = forms.BooleanField(
        label=_(
            "I confirm the citizen agreed to this order, to its price, and to WeMi passing "
            "their contact details and the service address to the providers."
        ),
        error_messages={"required": _("Confirm that the citizen agreed to this order.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == "phone" and not cleaned.get("consent_note", "").strip():
            self.add_error(
                "consent_note", _("Write a note of the call: when, which number, what was said.")
            )
        return cleaned
