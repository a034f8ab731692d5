from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import EXPORT_PERMISSION, export_access_log


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [path("privacy/access-log.csv", export_access_log, name="privacy_access_log_export")]


class AccessLogMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(EXPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_access_log_menu_item():
    return AccessLogMenuItem(
        _("Access log (CSV)"),
        reverse_lazy("privacy_access_log_export"),
        name="access-log",
        icon_name="download",
        order=290,
    )
