"""Comune operators unlock logins throttled by django-axes, in /cms/ (Settings menu).

A row is an account and client address with wrong passwords; deleting it ("Unlock")
lets that account log in from that address again at once.
"""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet


class LoginAttemptViewSet(ModelViewSet):
    model = AccessAttempt
    name = "login_attempts"
    icon = "lock"
    menu_label = _("Locked logins")
    add_to_settings_menu = True
    exclude_form_fields = []
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_login_attempts():
    return LoginAttemptViewSet()
