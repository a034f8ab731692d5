from django.urls import path

from . import welfare_views

app_name = "welfare"

urlpatterns = [
    path("", welfare_views.plans, name="plans"),
    path("<int:plan_pk>/", welfare_views.plan_detail, name="plan"),
    path("<int:plan_pk>/export.csv", welfare_views.export, name="export"),
]
