from django.urls import path

from . import views

app_name = "marketplace_documents"

urlpatterns = [
    path("receipts/<str:number>.pdf", views.order_receipt, name="order-receipt"),
]
