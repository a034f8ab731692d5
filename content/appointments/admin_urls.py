from django.urls import path, re_path

from . import admin_views

app_name = "content_appointments_desk"

urlpatterns = [
    path("", admin_views.DeskHomeView.as_view(), name="home"),
    path("report/", admin_views.ReportView.as_view(), name="report"),
    path("<uuid:space_key>/", admin_views.AgendaView.as_view(), name="agenda"),
    path("<uuid:space_key>/book/", admin_views.BookForView.as_view(), name="book_for"),
    path("<uuid:space_key>/visit/", admin_views.VisitView.as_view(), name="visit"),
    re_path(
        r"^(?P<space_key>[0-9a-f-]{36})/appointments/(?P<pk>\d+)/(?P<status>attended|no_show)/$",
        admin_views.MarkView.as_view(),
        name="mark",
    ),
]
