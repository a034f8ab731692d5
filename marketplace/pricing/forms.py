from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import IseeDeclaration

DSU_PROTOCOL = RegexValidator(
    r"^INPS-ISEE-\d{4}-[0-9A-Z]{8,10}-\d{2}$",
    _("Write the DSU protocol number as on the certificate, e.g. INPS-ISEE-2026-12345678X-00."),
)


class IseeDeclarationForm(forms.ModelForm):
    """The citizen's own declaration. Changing it clears the operator's verification."""

    class Meta:
        model = IseeDeclaration
        fields = ["value", "dsu_protocol", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_dsu_protocol(self):
        protocol = self.cleaned_data["dsu_protocol"].strip().upper()
        DSU_PROTOCOL(protocol)
        return protocol

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on < timezone.localdate():
            raise forms.ValidationError(
                _("This ISEE has already expired: declare the one currently valid.")
            )
        return expires_on

    def save(self, commit=True):
        declaration = super().save(commit=False)
        if self.has_changed():
            declaration.clear_verification()
        if commit:
            declaration.save()
        return declaration


class IseeDeclarationAdminForm(WagtailAdminModelForm):
    """Operators correct a declaration and mark it verified after checking it with INPS."""

    verified = forms.BooleanField(label=_("Verified with INPS"), required=False)

    verified_fields = ("user", "value", "dsu_protocol", "expires_on")

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.operator = for_user
        self.fields["verified"].initial = self.instance.is_verified
        # Only operators with the "verify" permission (Comune operators) verify.
        self.fields["verified"].disabled = not (
            for_user is not None
            and for_user.has_perm("marketplace_pricing.verify_iseedeclaration")
        )

    def save(self, commit=True):
        """Verifies (and records who verified which values) when "verified" is ticked on an
        unverified declaration, or on a verified one whose values changed; clears the
        verification when it is unticked, or when values change without the permission."""
        declaration = super().save(commit=False)
        values_changed = any(name in self.changed_data for name in self.verified_fields)
        verify = self.cleaned_data["verified"] and not self.fields["verified"].disabled
        record = False
        if verify and (not declaration.is_verified or values_changed):
            declaration.mark_verified(self.operator)
            record = True
        elif not self.cleaned_data["verified"] or values_changed:
            declaration.clear_verification()
        if commit:
            declaration.save()
            if record:
                declaration.record_verification()
        return declaration
