from django.urls import path

from . import views

app_name = "marketplace_rights"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("wemi-my-data.json", views.download_json, name="download-json"),
    path("wemi-my-data.pdf", views.download_pdf, name="download-pdf"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
