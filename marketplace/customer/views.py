"""Account views: WeMi's rules on top of Oscar's (docs/decisions/0011-accounts-isee-headers.md)."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlencode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.cache import never_cache
from oscar.apps.customer import views as oscar_views
from oscar.core.loading import get_class

from marketplace.emails import recipient_language, render_messages, site_url

from .forms import EmailAuthenticationForm, EmailChangeForm, EmailRegistrationForm

User = get_user_model()
Dispatcher = get_class("communication.utils", "Dispatcher")

EMAIL_CHANGE_SALT = "wemi.customer.email-change"
EMAIL_CHANGE_MAX_AGE = datetime.timedelta(days=3)


def send_account_email(request, to, template, context):
    """Sends ``marketplace/customer/emails/<template>_{subject.txt,body.txt,body.html}``
    (WeMi's layout, marketplace/emails.py) to ``to``, in the language of the page the person
    is using (the recipient: whoever registers or changes the address is on that page)."""
    language = recipient_language(language=translation.get_language())
    messages = render_messages(f"marketplace/customer/emails/{template}", context, language)
    Dispatcher().dispatch_direct_messages(to, messages)


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer (``AXES_LOCKOUT_CALLABLE``): HTTP 429, in the visitor's
    language, on the storefront's and the admin's login alike."""
    return render(
        request,
        "marketplace/customer/locked_out.html",
        {"cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def register(request, email, next_url=""):
    """Sends the right email for a registration of ``email`` and returns nothing: the answer
    to the visitor is the same whether the address has an account or not.

    - no account: an inactive one is created and the address gets a link to choose the
      password (which activates it);
    - an account never activated: the link is sent again;
    - an active account: the address is told that it already has one (login, forgotten
      password).
    """
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        user.is_active = False
        user.save(update_fields=["is_active"])
    if user.is_active or user.has_usable_password():
        send_account_email(
            request,
            user.email,
            "account_exists",
            {
                "login_url": site_url(reverse("customer:login")),
                "reset_url": site_url(reverse("password-reset")),
            },
        )
        return
    url = reverse(
        "customer:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    if next_url:
        url += "?" + urlencode({"next": next_url})
    send_account_email(
        request, user.email, "activation", {"activation_url": site_url(url)}
    )


class AccountAuthView(oscar_views.AccountAuthView):
    """Oscar's login-or-register page: "remember me" on the login, and a registration that
    sends a link instead of saying whether the address is taken."""

    login_form_class = EmailAuthenticationForm
    registration_form_class = EmailRegistrationForm

    def get_login_success_url(self, form):
        # A session that ends with the browser (and after a short idle time, see
        # config.middleware.SessionIdleTimeoutMiddleware) unless "remember me".
        if form.cleaned_data.get("remember"):
            self.request.session.set_expiry(settings.SESSION_COOKIE_AGE)
        else:
            self.request.session.set_expiry(0)
        return super().get_login_success_url(form)

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            next_url = safe_next(self.request, self.request.GET.get(self.redirect_field_name))
            register(self.request, form.cleaned_data["email"], next_url)
            return redirect("customer:registration-sent")
        ctx = self.get_context_data(registration_form=form)
        return self.render_to_response(ctx)


class AccountRegistrationView(oscar_views.AccountRegistrationView):
    form_class = EmailRegistrationForm

    def form_valid(self, form):
        next_url = safe_next(self.request, self.request.GET.get(self.redirect_field_name))
        register(self.request, form.cleaned_data["email"], next_url)
        return redirect("customer:registration-sent")


class RegistrationSentView(generic.TemplateView):
    template_name = "marketplace/customer/registration_sent.html"


class AccountActivationView(auth_views.PasswordResetConfirmView):
    """The link of the registration email: choose the password, which activates the account
    and logs in. The link works once (the token depends on the password) and only for an
    account never activated."""

    template_name = "marketplace/customer/activate.html"
    form_class = SetPasswordForm
    post_reset_login = True
    post_reset_login_backend = "oscar.apps.customer.auth_backends.EmailBackend"
    reset_url_token = "choose-password"

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is None or user.is_active or user.has_usable_password():
            return None
        return user

    def form_valid(self, form):
        form.user.is_active = True
        response = super().form_valid(form)
        self.request.session.set_expiry(0)
        messages.success(self.request, _("Your account is active. Welcome to WeMi!"))
        return response

    def get_success_url(self):
        return safe_next(self.request, self.request.GET.get("next")) or str(
            settings.LOGIN_REDIRECT_URL
        )


class LogoutView(generic.TemplateView):
    """Logging out takes a POST (a form with the CSRF token): a link on another site cannot
    log a citizen out. A GET shows a page with the button."""

    template_name = "marketplace/customer/logout.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.OSCAR_HOMEPAGE)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        auth_logout(request)
        response = redirect(settings.OSCAR_HOMEPAGE)
        for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
            response.delete_cookie(cookie)
        return response


class EmailChangeView(oscar_views.PageTitleMixin, generic.FormView):
    """A new login email, with the current password: a confirmation link goes to the new
    address; nothing changes until it is followed."""

    form_class = EmailChangeForm
    template_name = "marketplace/customer/email_change.html"
    page_title = gettext_lazy("Change your login email")
    active_tab = "profile"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "request": self.request}

    def form_valid(self, form):
        user = self.request.user
        new_email = form.cleaned_data["new_email"]
        # An address that belongs to another account gets nothing, and the answer is the same.
        if not User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            token = signing.dumps(
                {"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
            )
            url = reverse("customer:email-change-confirm", kwargs={"token": token})
            send_account_email(
                self.request,
                new_email,
                "email_change_confirm",
                {"confirm_url": site_url(url), "old_email": user.email},
            )
        return redirect("customer:email-change-sent")


class EmailChangeSentView(generic.TemplateView):
    template_name = "marketplace/customer/email_change_sent.html"


@method_decorator(never_cache, name="dispatch")
class EmailChangeConfirmView(generic.TemplateView):
    """The link sent to the new address. A GET shows a button (mail scanners follow links);
    the POST changes the email, once, and tells the old address."""

    template_name = "marketplace/customer/email_change_confirm.html"

    def payload(self):
        try:
            data = signing.loads(
                self.kwargs["token"],
                salt=EMAIL_CHANGE_SALT,
                max_age=EMAIL_CHANGE_MAX_AGE,
            )
        except signing.BadSignature:
            return None
        if not User.objects.filter(pk=data.get("user"), email=data.get("old")).exists():
            return None  # already used, or the email changed since
        return data

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "change": self.payload()}

    def post(self, request, *args, **kwargs):
        data = self.payload()
        if data is None:
            return self.get(request, *args, **kwargs)
        with transaction.atomic():
            user = (
                User.objects.select_for_update().filter(pk=data["user"], email=data["old"]).first()
            )
            taken = User.objects.filter(email__iexact=data["new"]).exclude(pk=data["user"])
            if user is None or taken.exists():
                return render(request, self.template_name, {"change": None})
            user.email = data["new"]
            user.save(update_fields=["email"])
        send_account_email(
            request,
            data["old"],
            "email_changed",
            {
                "new_email": data["new"],
                "reset_url": site_url(reverse("password-reset")),
            },
        )
        messages.success(request, _("Your login email is now %(email)s.") % {"email": user.email})
        if request.user.is_authenticated:
            return redirect("customer:profile-view")
        return redirect("customer:login")
