from django.urls import path

from . import views

app_name = "marketplace_organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/buy/", views.buy, name="buy"),
    path("<int:pk>/members/<int:member_pk>/verify/", views.verify_member, name="verify-member"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.remove_member, name="remove-member"),
]
