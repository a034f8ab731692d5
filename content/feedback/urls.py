from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("segnala/", views.report_problem, name="report"),
    path("segnala/<int:page_id>/", views.report_problem, name="report_page"),
    path("valuta/<int:page_id>/", views.rate_page, name="rate_page"),
]
