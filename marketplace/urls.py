from django.urls import path

from . import views

app_name = "marketplace"

urlpatterns = [
    path("services/<uuid:service_key>/add/", views.add_to_basket, name="add-to-basket"),
]
