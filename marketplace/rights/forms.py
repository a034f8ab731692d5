from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """The current password and an explicit "yes": deleting cannot be undone."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account and my data are deleted and cannot be "
                "recovered."),
    )

    def __init__(self, user, *args, request=None, **kwargs):
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Through authenticate(), so that wrong passwords count towards the login lockout.
        if authenticate(self.request, username=self.user.email, password=password) != self.user:
            raise forms.ValidationError(_("The password is not correct."))
        return password
