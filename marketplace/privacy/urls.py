from django.urls import path

from . import views

app_name = "marketplace_privacy"

urlpatterns = [
    path("access-log/", views.access_log, name="access-log"),
    path("authorisations/", views.delegations, name="delegations"),
    path("authorisations/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("desk/", views.desk, name="desk"),
    path("desk/act/<int:citizen_id>/", views.start_acting, name="acting-start"),
    path("desk/stop/", views.stop_acting, name="acting-stop"),
    path("desk/consent/", views.desk_consent, name="desk-consent"),
    path("desk/assisted/", views.assisted_account, name="assisted-account"),
    path("desk/orders/", views.acting_orders, name="acting-orders"),
]
