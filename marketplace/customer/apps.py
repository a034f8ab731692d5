import oscar.apps.customer.apps as apps
from django.contrib.auth.decorators import login_required
from django.urls import path
from oscar.core.loading import get_class


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app with WeMi's account rules (docs/decisions/0011).

    Logout only by POST; registration and password reset never tell whether an email has an
    account (registration confirms the address by a link, where the password is chosen);
    the login email changes only with the current password and a link sent to the new
    address, and the old address is told.
    """

    name = "marketplace.customer"

    def ready(self):
        super().ready()
        self.registration_sent_view = get_class("customer.views", "RegistrationSentView")
        self.activation_view = get_class("customer.views", "AccountActivationView")
        self.email_change_view = get_class("customer.views", "EmailChangeView")
        self.email_change_sent_view = get_class("customer.views", "EmailChangeSentView")
        self.email_change_confirm_view = get_class("customer.views", "EmailChangeConfirmView")

    def get_urls(self):
        urls = [
            path(
                "register/sent/",
                self.registration_sent_view.as_view(),
                name="registration-sent",
            ),
            path(
                "activate/<str:uidb64>/<str:token>/",
                self.activation_view.as_view(),
                name="activate",
            ),
            path(
                "profile/email/",
                login_required(self.email_change_view.as_view()),
                name="email-change",
            ),
            path(
                "profile/email/sent/",
                login_required(self.email_change_sent_view.as_view()),
                name="email-change-sent",
            ),
            path(
                "profile/email/confirm/<str:token>/",
                self.email_change_confirm_view.as_view(),
                name="email-change-confirm",
            ),
        ]
        return super().get_urls() + self.post_process_urls(urls)
