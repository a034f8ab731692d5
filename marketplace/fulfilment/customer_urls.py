"""Mounted under the customer account's order URLs (``shop/accounts/orders/``)."""

from django.urls import path

from . import customer_views

app_name = "marketplace_fulfilment_customer"

urlpatterns = [
    path(
        "<str:order_number>/lines/<int:line_id>/cancel/",
        customer_views.cancel_line,
        name="cancel-line",
    ),
]
