from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_urls


@hooks.register("register_admin_urls")
def register_fulfilment_urls():
    return [path("marketplace/", include(admin_urls, namespace="marketplace_fulfilment"))]


class OrdersMenuItem(MenuItem):
    def is_shown(self, request):
        return access.uses_orders_workspace(request.user)


class OffersMenuItem(MenuItem):
    def is_shown(self, request):
        return access.uses_offers_workspace(request.user)


@hooks.register("register_admin_menu_item")
def register_orders_menu_item():
    return OrdersMenuItem(
        _("Orders"),
        reverse_lazy("marketplace_fulfilment:line_list"),
        name="orders",
        icon_name="list-ul",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def register_offers_menu_item():
    return OffersMenuItem(
        _("Offers"),
        reverse_lazy("marketplace_fulfilment:offer_list"),
        name="offers",
        icon_name="tag",
        order=260,
    )
