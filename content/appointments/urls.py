"""Mounted under ``/<language>/appointments/`` (site/config/urls.py)."""

from django.urls import path

from . import views

app_name = "content_appointments"

urlpatterns = [
    path("book/", views.choose_space, name="book"),
    path("book/<uuid:space_key>/", views.book, name="book_space"),
    path("mine/", views.mine, name="mine"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/cancel/", views.cancel, name="cancel"),
    path("<str:reference>/move/", views.move, name="move"),
    path("activities/<int:pk>/book/", views.book_activity, name="book_activity"),
    path(
        "activities/places/<str:reference>/cancel/",
        views.cancel_activity,
        name="cancel_activity",
    ),
]
