from django.urls import path

from . import admin_views

app_name = "marketplace_sharing_admin"

urlpatterns = [
    path("", admin_views.GroupListView.as_view(), name="group_list"),
    path("export.csv", admin_views.GroupCsvView.as_view(), name="group_csv"),
    path("<int:pk>/", admin_views.GroupDetailView.as_view(), name="group_detail"),
    path("offers/<int:pk>/tiers/", admin_views.TierEditView.as_view(), name="tiers"),
]
