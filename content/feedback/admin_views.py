"""Wagtail admin views: ratings per page and problem reports, scoped to what the user may see."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .access import (
    feedback_pages_for,
    may_handle_reports,
    may_use_feedback_admin,
    visible_ratings,
    visible_reports,
)
from .reports import answer_counts, rating_summary_per_page, star_distribution

PER_PAGE = 50


def _require_access(user):
    if not may_use_feedback_admin(user):
        raise PermissionDenied


def ratings_index(request):
    _require_access(request.user)
    ratings = visible_ratings(request.user)
    rows = Paginator(rating_summary_per_page(ratings), PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "content_feedback/admin/ratings_index.html", {
        "page_title": _("Page ratings"),
        "header_icon": "pick",
        "rows": rows,
    })


def page_feedback_detail(request, page_id):
    _require_access(request.user)
    page = get_object_or_404(feedback_pages_for(request.user), pk=page_id)
    ratings = visible_ratings(request.user).filter(page=page)
    return TemplateResponse(request, "content_feedback/admin/page_detail.html", {
        "page_title": _("Feedback"),
        "page_subtitle": page.title,
        "header_icon": "pick",
        "rated_page": page,
        "distribution": star_distribution(ratings),
        "answers": answer_counts(ratings),
        "comments": ratings.exclude(comment="")[:PER_PAGE],
        "total": ratings.count(),
        "reports": visible_reports(request.user).filter(page=page).select_related("handled_by"),
        "may_handle": may_handle_reports(request.user),
    })


def reports_index(request):
    _require_access(request.user)
    show = request.GET.get("show", "open")
    reports = visible_reports(request.user).select_related("page", "handled_by")
    if show == "open":
        reports = reports.filter(handled=False)
    elif show == "handled":
        reports = reports.filter(handled=True)
    return TemplateResponse(request, "content_feedback/admin/reports_index.html", {
        "page_title": _("Problem reports"),
        "header_icon": "warning",
        "show": show,
        "reports": Paginator(reports, PER_PAGE).get_page(request.GET.get("p")),
        "may_handle": may_handle_reports(request.user),
    })


@require_POST
def set_report_handled(request, report_id):
    if not may_handle_reports(request.user):
        raise PermissionDenied
    report = get_object_or_404(visible_reports(request.user), pk=report_id)
    if request.POST.get("handled") == "1":
        report.mark_handled(request.user)
        messages.success(request, _("Report marked as handled."))
    else:
        report.reopen()
        messages.success(request, _("Report reopened."))
    next_url = request.POST.get("next", "")
    if next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("content_feedback_admin:reports")
