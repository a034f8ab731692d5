from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.spaces.models import SpaceOperator
from content.spaces.operators import SPACE_OPERATORS_GROUP, ensure_space_operators_group

from . import admin_urls, admin_views, slots
from .models import Activity, Closure, DeskService, SlotRule


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


class ActingDeskMenuItem(MenuItem):
    """The other half of the operator's work, on the site: citizens who authorised them,
    desk-signed consents, assisted accounts, acting mode."""

    def is_shown(self, request):
        return admin_views.uses_desk(request.user)


@hooks.register("register_admin_menu_item")
def register_acting_desk_menu_item():
    return ActingDeskMenuItem(
        _("Act for a citizen"),
        reverse_lazy("marketplace_privacy:desk"),
        name="acting-desk",
        icon_name="user",
        order=242,
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


def space_title(obj):
    from django.http import Http404

    from .spaces import space_in_language

    try:
        return space_in_language(obj.space_key).title
    except Http404:  # a Spazio unpublished since: its key, rather than an error page
        return str(obj.space_key)


# Wagtail's listings take field names or Column objects, not bare callables.
SPACE_COLUMN = Column("space_key", label=_("Spazio WeMi"), accessor=space_title)


class SpaceOperatorViewSet(SnippetViewSet):
    """Who works at which Spazio's desk: choose a person and a Spazio by its title. Saving
    gives the person the operators' group (access to their desk, nothing else)."""

    model = SpaceOperator
    icon = "user"
    menu_label = _("Spazio operators")
    list_display = ["user", SPACE_COLUMN, "created_at"]


class SlotRuleViewSet(SnippetViewSet):
    model = SlotRule
    icon = "time"
    menu_label = _("Appointment hours")
    list_display = [SPACE_COLUMN, "__str__", "slot_minutes", "desks"]


class ClosureViewSet(SnippetViewSet):
    model = Closure
    icon = "warning"
    menu_label = _("Closure days")
    list_display = [SPACE_COLUMN, "day", "reason"]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def after_saving_a_spazio_row(request, instance):
    if isinstance(instance, SpaceOperator):
        instance.user.groups.add(ensure_space_operators_group())
    elif isinstance(instance, Closure):
        slots.apply_closure(instance)


@hooks.register("after_delete_snippet")
def after_removing_an_operator(request, instances):
    for instance in instances:
        if isinstance(instance, SpaceOperator) and not SpaceOperator.objects.filter(
            user_id=instance.user_id
        ).exists():
            instance.user.groups.remove(*instance.user.groups.filter(name=SPACE_OPERATORS_GROUP))


class SpaziViewSetGroup(SnippetViewSetGroup):
    items = (DeskServiceViewSet, ActivityViewSet, SpaceOperatorViewSet, SlotRuleViewSet,
             ClosureViewSet)
    menu_icon = "site"
    menu_label = _("Spazi WeMi")
    menu_name = "spazi-wemi"


register_snippet(SpaziViewSetGroup)
