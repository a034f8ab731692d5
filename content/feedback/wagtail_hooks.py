from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views
from .access import may_use_feedback_admin

admin_urls = (
    [
        path("", admin_views.ratings_index, name="ratings"),
        path("pages/<int:page_id>/", admin_views.page_feedback_detail, name="page"),
        path("reports/", admin_views.reports_index, name="reports"),
        path("reports/<int:report_id>/handled/", admin_views.set_report_handled,
             name="set_handled"),
    ],
    "content_feedback_admin",
)


@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    return [path("feedback/", include(admin_urls))]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_feedback_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu():
    submenu = Menu(items=[
        FeedbackMenuItem(_("Page ratings"), reverse("content_feedback_admin:ratings"),
                         icon_name="pick", order=100),
        FeedbackMenuItem(_("Problem reports"), reverse("content_feedback_admin:reports"),
                         icon_name="warning", order=200),
    ])
    return SubmenuMenuItem(_("Feedback"), submenu, icon_name="pick", order=450)
