from django.urls import path

from . import admin_views

app_name = "content_appointments_desk"

urlpatterns = [
    path("", admin_views.DeskHomeView.as_view(), name="home"),
    path("report/", admin_views.ReportView.as_view(), name="report"),
    path("<uuid:space_key>/", admin_views.AgendaView.as_view(), name="agenda"),
    path("<uuid:space_key>/book/", admin_views.BookForView.as_view(), name="book_for"),
    path("<uuid:space_key>/visit/", admin_views.VisitView.as_view(), name="visit"),
    path("<uuid:space_key>/closures/", admin_views.ClosuresView.as_view(), name="closures"),
    path(
        "<uuid:space_key>/appointments/<int:pk>/<slug:status>/",
        admin_views.MarkView.as_view(),
        name="mark",
    ),
]
