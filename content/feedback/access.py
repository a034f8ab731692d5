"""Who sees which feedback in the admin.

The Comune (editors and operators, through ``view_problemreport``) sees every rating and
report, general ones included, and handles reports (``change_problemreport``); provider staff
see those about their own pages only, and cannot mark them handled.
"""

from django.db.models import Q
from wagtail.models import Page

from content.providers.permissions import provider_pages_for

VIEW_PERMISSION = "content_feedback.view_problemreport"
HANDLE_PERMISSION = "content_feedback.change_problemreport"


def sees_all_feedback(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def provider_subtree_filter(user, field="path"):
    """A ``Q`` matching pages under the user's providers, in every language (or None)."""
    from content.providers.models import ProviderPage

    keys = provider_pages_for(user).values_list("translation_key", flat=True)
    paths = ProviderPage.objects.filter(translation_key__in=keys).values_list("path", flat=True)
    condition = None
    for path in paths:
        clause = Q(**{f"{field}__startswith": path})
        condition = clause if condition is None else condition | clause
    return condition


def feedback_pages_for(user):
    """The pages whose ratings and reports ``user`` may see in the admin."""
    if not user.is_authenticated:
        return Page.objects.none()
    if sees_all_feedback(user):
        return Page.objects.all()
    condition = provider_subtree_filter(user)
    return Page.objects.filter(condition) if condition is not None else Page.objects.none()


def may_handle_reports(user):
    """Only the Comune (the change permission: editors, operators) marks reports handled or
    reopens them; provider staff read the reports about their pages but cannot close a
    complaint about themselves."""
    return user.is_authenticated and user.is_active and user.has_perm(HANDLE_PERMISSION)


def may_use_feedback_admin(user):
    return user.is_authenticated and (
        sees_all_feedback(user) or provider_pages_for(user).exists()
    )


def visible_reports(user):
    """Problem reports ``user`` may see and handle (general reports only for editors)."""
    from .models import ProblemReport

    if not user.is_authenticated:
        return ProblemReport.objects.none()
    if sees_all_feedback(user):
        return ProblemReport.objects.all()
    condition = provider_subtree_filter(user, field="page__path")
    if condition is None:
        return ProblemReport.objects.none()
    return ProblemReport.objects.filter(condition)


def visible_ratings(user):
    from .models import PageRating

    if not user.is_authenticated:
        return PageRating.objects.none()
    if sees_all_feedback(user):
        return PageRating.objects.all()
    condition = provider_subtree_filter(user, field="page__path")
    if condition is None:
        return PageRating.objects.none()
    return PageRating.objects.filter(condition)
