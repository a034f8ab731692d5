from django.urls import path

from . import views

app_name = "marketplace_sharing"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("mine/", views.my_groups, name="mine"),
    path("services/<uuid:service_key>/start/", views.start_group, name="start"),
    path("organisations/<int:organisation>/start/", views.start_group_for, name="start-for"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/join/", views.join, name="join"),
    path("groups/<int:pk>/leave/", views.leave, name="leave"),
    path("groups/<int:pk>/close/", views.close, name="close"),
    path("groups/<int:pk>/invite/new/", views.new_link, name="new-link"),
    path("groups/<int:pk>/invite/revoke/", views.revoke_link, name="revoke-link"),
    path("invite/<str:token>/", views.invite, name="invite"),
]
