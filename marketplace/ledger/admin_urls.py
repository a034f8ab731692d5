from django.urls import path

from . import admin_views

app_name = "ledger_admin"

urlpatterns = [
    path("", admin_views.FundListView.as_view(), name="fund_list"),
    path("new/", admin_views.FundEditView.as_view(), name="fund_new"),
    path("<int:pk>/", admin_views.FundDetailView.as_view(), name="fund_detail"),
    path("<int:pk>/edit/", admin_views.FundEditView.as_view(), name="fund_edit"),
    path("<int:pk>/export/", admin_views.export_vouchers, name="fund_export"),
    path("<int:pk>/settlement/", admin_views.SettlementView.as_view(), name="settlement"),
    path("settlements/", admin_views.ProviderSettlementView.as_view(),
         name="provider_settlement"),
    path("lines/<int:pk>/refund/", admin_views.RefundView.as_view(), name="refund"),
    path("vouchers/<int:pk>/", admin_views.VoucherDetailView.as_view(), name="voucher_detail"),
]
