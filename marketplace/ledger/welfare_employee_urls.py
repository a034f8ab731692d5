from django.urls import path

from . import welfare_views

app_name = "credit"

urlpatterns = [
    path("", welfare_views.my_credit, name="mine"),
]
