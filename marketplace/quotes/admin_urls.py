from django.urls import path, re_path

from . import admin_views

app_name = "quotes_admin"

urlpatterns = [
    path("", admin_views.QuoteListView.as_view(), name="list"),
    path("statistics/", admin_views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", admin_views.QuoteDetailView.as_view(), name="detail"),
    re_path(
        r"^(?P<pk>\d+)/(?P<action>answer|decline|withdraw|message|report)/$",
        admin_views.QuoteActionView.as_view(),
        name="action",
    ),
    path("<int:pk>/messages.json", admin_views.messages_json, name="messages-json"),
    path("<int:pk>/files/<int:message_id>/", admin_views.attachment, name="attachment"),
]
