"""The citizen's quote requests, mounted at ``shop/accounts/quotes/`` (private pages)."""

from django.urls import path

from . import views

app_name = "quotes"

urlpatterns = [
    path("", views.request_list, name="request-list"),
    path("new/", views.new_request, name="request-new"),
    path("<uuid:uuid>/", views.request_detail, name="request-detail"),
    path("<uuid:uuid>/cancel/", views.cancel, name="request-cancel"),
    path("quote/<uuid:quote_uuid>/accept/", views.accept, name="accept"),
    path("quote/<uuid:quote_uuid>/pay/", views.pay, name="pay"),
    path("quote/<uuid:quote_uuid>/messages/", views.conversation, name="conversation"),
    path("quote/<uuid:quote_uuid>/messages.json", views.conversation_messages,
         name="conversation-json"),
    path("quote/<uuid:quote_uuid>/report/", views.report, name="report"),
    path("quote/<uuid:quote_uuid>/files/<int:message_id>/", views.attachment,
         name="attachment"),
]
