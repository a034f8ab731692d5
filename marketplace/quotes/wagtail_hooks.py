from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_urls


@hooks.register("register_admin_urls")
def register_quote_urls():
    return [path("marketplace/quotes/", include(admin_urls, namespace="quotes_admin"))]


class QuotesMenuItem(MenuItem):
    def is_shown(self, request):
        return access.uses_quotes_workspace(request.user)


@hooks.register("register_admin_menu_item")
def register_quotes_menu_item():
    return QuotesMenuItem(
        _("Quote requests"),
        reverse_lazy("quotes_admin:list"),
        name="quotes",
        icon_name="mail",
        order=255,
    )
