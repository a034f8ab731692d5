from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls, admin_views


@hooks.register("register_admin_urls")
def register_sharing_urls():
    return [
        path(
            "marketplace/sharing/",
            include(admin_urls, namespace="marketplace_sharing_admin"),
        )
    ]


class SharingMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_use(request.user)


@hooks.register("register_admin_menu_item")
def register_sharing_menu_item():
    return SharingMenuItem(
        _("Sharing groups"),
        reverse_lazy("marketplace_sharing_admin:group_list"),
        name="sharing-groups",
        icon_name="group",
        order=255,
    )
