import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import AddToBasketForm

from . import rules
from .models import Organisation

TAX_CODE_MESSAGES = {
    "empty": _("Enter the fiscal code or VAT number."),
    "length": _(
        "A fiscal code or VAT number has 11 digits (condominiums and companies) or 16 "
        "characters (a sole trader)."
    ),
    "checksum": _("This code is not valid: check its digits (the last one is a check digit)."),
    "format": _("This code is not valid: use only the digits and letters of the code."),
}


def clean_tax_code(value):
    problem = rules.tax_code_problem(value)
    if problem:
        raise forms.ValidationError(TAX_CODE_MESSAGES[problem])
    return rules.normalise_tax_code(value)


class OrganisationForm(forms.ModelForm):
    """A citizen registers a condominium, company or other organisation."""

    class Meta:
        model = Organisation
        fields = ["kind", "name", "tax_code", "sdi_code", "address"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tax_code"].max_length = 30  # spaces, dots and "IT" are taken off
        self.fields["tax_code"].widget.attrs.update({"autocomplete": "off", "dir": "ltr"})
        self.fields["sdi_code"].widget.attrs["dir"] = "ltr"

    def clean_tax_code(self):
        code = clean_tax_code(self.cleaned_data["tax_code"])
        live = Organisation.objects.filter(tax_code=code).exclude(
            status=Organisation.Status.REJECTED
        )
        if self.instance.pk:
            live = live.exclude(pk=self.instance.pk)
        if live.exists():
            raise forms.ValidationError(
                _("This organisation is already registered: ask its representative to add you.")
            )
        return code

    def clean_sdi_code(self):
        code = self.cleaned_data["sdi_code"].strip().upper()
        if code and (len(code) != 7 or not code.isalnum()):
            raise forms.ValidationError(_("The SDI code has 7 letters and digits."))
        return code


class JoinOrganisationForm(forms.Form):
    """A resident or employee asks to be recognised as a member."""

    tax_code = forms.CharField(label=_("Fiscal code or VAT number of the organisation"),
                               max_length=30)
    note = forms.CharField(
        label=_("Flat, staircase or department"), max_length=100, required=False,
        help_text=_("What lets the representative recognise you, e.g. staircase B, flat 4."),
    )

    def clean_tax_code(self):
        code = clean_tax_code(self.cleaned_data["tax_code"])
        organisation = Organisation.objects.filter(
            tax_code=code, status=Organisation.Status.VERIFIED
        ).first()
        if organisation is None:
            raise forms.ValidationError(
                _("No verified organisation has this code. Check it with your administrator "
                  "or welfare office.")
            )
        self.organisation = organisation
        return code


class OrganisationBuyForm(AddToBasketForm):
    """The booking form of a service, for the whole building or workforce: the offer, how
    much, when, how often, where, and how many households or employees it serves. Prices
    shown are what the organisation pays (full price, no ISEE)."""

    households = forms.IntegerField(
        label=_("Households or employees served"), min_value=1, max_value=1000, initial=10,
    )
    request_key = forms.UUIDField(widget=forms.HiddenInput)

    field_order = ["offer", "quantity", "households", "start_date", "frequency", "street", "zone"]

    def __init__(self, service_page, strategy, *args, **kwargs):
        super().__init__(service_page, strategy, None, *args, **kwargs)
        self.fields["request_key"].initial = uuid.uuid4()
        self.fields["quantity"].help_text = _(
            "Counted in the unit of the offer you choose, for the whole organisation."
        )
