from django.templatetags.static import static
from django.urls import include, path, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls, admin_views


@hooks.register("register_admin_urls")
def register_ledger_urls():
    return [path("marketplace/vouchers/", include(admin_urls, namespace="ledger_admin"))]


@hooks.register("insert_global_admin_css")
def admin_contrast_css():
    """Wagtail's success messages with enough contrast (the voucher pages are in the
    accessibility gate, and confirm every action with one)."""
    return format_html('<link rel="stylesheet" href="{}">', static("ledger/admin.css"))


class VoucherMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_voucher_menu_item():
    return VoucherMenuItem(_("Voucher funds"), reverse_lazy("ledger_admin:fund_list"),
                           name="voucher-funds", icon_name="tag", order=256)


class ProviderSettlementMenuItem(MenuItem):
    def is_shown(self, request):
        from marketplace.fulfilment import access

        return access.partners_of(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_provider_settlement_menu_item():
    return ProviderSettlementMenuItem(
        _("Voucher settlements"), reverse_lazy("ledger_admin:provider_settlement"),
        name="voucher-settlements", icon_name="tag", order=257)
