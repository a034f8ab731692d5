from django.urls import path, re_path

from . import admin_views

app_name = "marketplace_fulfilment"

urlpatterns = [
    path("orders/", admin_views.LineListView.as_view(), name="line_list"),
    path("orders/export.csv", admin_views.LineExportView.as_view(), name="line_export"),
    path("orders/lines/<int:pk>/", admin_views.LineDetailView.as_view(), name="line_detail"),
    re_path(
        r"^orders/lines/(?P<pk>\d+)/(?P<action>accept|decline|deliver|payment)/$",
        admin_views.LineActionView.as_view(),
        name="line_action",
    ),
    path("offers/", admin_views.OfferListView.as_view(), name="offer_list"),
    path("offers/<int:pk>/", admin_views.OfferEditView.as_view(), name="offer_edit"),
]
