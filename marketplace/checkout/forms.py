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
        self.fields["method"].choices = [(method.code, method.name) for method in self.methods]
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
