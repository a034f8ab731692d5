from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .payment_methods import available_methods


class ContactDetailsForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=255)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ./-]{6,20}$",
                _("Enter a phone number with digits only, e.g. +39 02 1234567."),
            )
        ],
        help_text=_("The providers call you on this number to agree on the schedule."),
        # Digits and "+" read left to right in every language (Arabic included).
        widget=forms.TextInput(
            attrs={"type": "tel", "dir": "ltr", "autocomplete": "tel", "inputmode": "tel"}
        ),
    )
    notes = forms.CharField(
        label=_("Notes for the providers (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


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
