from django.urls import path

from . import views

app_name = "ledger"

urlpatterns = [
    path("", views.my_vouchers, name="mine"),
    path("funds/<int:pk>/apply/", views.apply, name="apply"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:code>/", views.voucher_detail, name="voucher"),
    path("<str:code>/pdf/", views.voucher_pdf, name="voucher-pdf"),
]
