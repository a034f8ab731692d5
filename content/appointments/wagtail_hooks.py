from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_urls, admin_views
from .models import Activity, DeskService


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [path("spazi/", include(admin_urls, namespace="content_appointments_desk"))]


class DeskMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.uses_desk(request.user)


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.uses_desk(request.user) or admin_views.sees_all_spaces(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_menu_item():
    return DeskMenuItem(
        _("Spazio desk"),
        reverse_lazy("content_appointments_desk:home"),
        name="spazio-desk",
        icon_name="calendar",
        order=240,
    )


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Spazi WeMi report"),
        reverse_lazy("content_appointments_desk:report"),
        name="spazi-report",
        icon_name="table",
        order=241,
    )


class DeskServiceViewSet(SnippetViewSet):
    model = DeskService
    icon = "help"
    list_display = ["name", "slug", "locale"]


class ActivityViewSet(SnippetViewSet):
    model = Activity
    icon = "date"
    list_display = ["title", "starts_at", "places", "locale"]


class SpaziViewSetGroup(SnippetViewSetGroup):
    items = (DeskServiceViewSet, ActivityViewSet)
    menu_icon = "site"
    menu_label = _("Spazi WeMi")
    menu_name = "spazi-wemi"


register_snippet(SpaziViewSetGroup)
