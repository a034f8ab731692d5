"""Account forms: no form tells whether an email address has an account."""

from django import forms
from django.contrib.auth import authenticate, get_user_model
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer import forms as oscar_forms
from oscar.apps.customer.utils import normalise_email

User = get_user_model()


class EmailAuthenticationForm(oscar_forms.EmailAuthenticationForm):
    """Oscar's login form with "remember me" (a long session instead of one that ends with
    the browser or after a short idle time)."""

    remember = forms.BooleanField(
        label=_("Keep me logged in on this device"),
        help_text=_("Do not tick this on a shared computer, such as one at a Spazio WeMi."),
        required=False,
    )


# Oscar's own form stays under its name: the dashboard's "add a partner user" form
# (dashboard.partners.forms.NewUserForm) builds on it with a password.
EmailUserCreationForm = oscar_forms.EmailUserCreationForm


class EmailRegistrationForm(forms.Form):
    """Registration asks only for the address: the password is chosen after following the
    link sent there, so whoever registers proves the address is theirs, and the answer is
    the same whether or not the address already has an account."""

    email = forms.EmailField(label=_("Email address"), max_length=254)
    redirect_url = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, host=None, **kwargs):
        self.host = host
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_redirect_url(self):
        return oscar_forms.EmailUserCreationForm.clean_redirect_url(self)


class ProfileForm(oscar_forms.UserForm):
    """Name only: the login email changes through :class:`EmailChangeForm`."""

    class Meta(oscar_forms.UserForm.Meta):
        fields = ["first_name", "last_name"]


class EmailChangeForm(forms.Form):
    """A new login email, with the current password."""

    new_email = forms.EmailField(label=_("New email address"), max_length=254)
    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, request=None, **kwargs):
        self.user = user
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        email = normalise_email(self.cleaned_data["new_email"])
        if email.lower() == self.user.email.lower():
            raise forms.ValidationError(_("This is already your login email."))
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Through authenticate(), so that wrong passwords count towards the login lockout.
        if authenticate(self.request, username=self.user.email, password=password) != self.user:
            raise forms.ValidationError(_("The password is not correct."))
        return password
