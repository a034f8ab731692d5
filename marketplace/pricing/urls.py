from django.urls import path

from . import views

app_name = "marketplace_pricing"

urlpatterns = [
    path("", views.isee_declaration, name="isee-declaration"),
]
