"""Wagtail admin views of the portal: submitting a translated page for moderation,
wagtail-localize's "Convert to alias page" kept for those who may publish, Wagtail's
workflow actions with a confirmation message, and Wagtail's "Move" refused to translators on
pages that are not live."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import Page, TaskState
from wagtail_localize.models import Translation
from wagtail_localize.views import convert

from .drafts import is_translator_only, translator_may_work_on
from .translation_moderation import (
    SubmissionRefused,
    may_convert_to_alias,
    submit_translation_for_moderation,
)


def move_page(request, page_to_move_id):
    """Wagtail's "Move" (choosing the destination), which has no ``before_move_page`` hook:
    translators work on live pages only (``content.core.drafts``)."""
    from wagtail.admin.viewsets.pages import page_viewset_registry

    page = get_object_or_404(Page, pk=page_to_move_id)
    if not translator_may_work_on(request.user, page):
        raise PermissionDenied
    view = page_viewset_registry.as_view("move", page_id_kwarg="page_to_move_id")
    return view(request, page_to_move_id=page_to_move_id)


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", which asks only for edit rights."""
    page = get_object_or_404(Page, pk=page_id)
    if not may_convert_to_alias(request.user, page):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


@require_POST
def submit_translation(request, translation_id):
    """The translation editor's "Submit for moderation" button (whoever may edit the page)."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    model = translation.source.specific_content_type.model_class()
    if model is None or not issubclass(model, Page):
        raise Http404
    try:
        page = translation.get_target_instance()
    except model.DoesNotExist as error:
        raise Http404 from error
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    try:
        submit_translation_for_moderation(translation, request.user)
    except SubmissionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The translation into %(language)s has been submitted for moderation.")
            % {"language": translation.target_locale.get_display_name()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


WORKFLOW_ACTION_MESSAGES = {
    "approve": _lazy("“%(title)s” was approved."),
    "reject": _lazy("Changes were requested for “%(title)s”: its author has been told."),
}


@require_admin_access
def workflow_action(request, page_id, action_name, task_state_id):
    """Wagtail's workflow action (approve, request changes), which said nothing when done:
    the editor is told what happened, on the page the action returns to."""
    response = WorkflowActionView.as_view()(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
    if request.method == "POST" and response.status_code in (200, 302):
        task_state = TaskState.objects.filter(pk=task_state_id).first()
        message = WORKFLOW_ACTION_MESSAGES.get(action_name)
        if message and task_state and task_state.status != TaskState.STATUS_IN_PROGRESS:
            page = Page.objects.filter(pk=page_id).first()
            if page is not None:
                messages.success(request, message % {"title": page.get_admin_display_title()})
    return response


class _SearchHidingUnapprovedPagesFromTranslators(SearchView):
    """Wagtail's admin page search, without pages that are not live for translators (their
    draft titles stay with the provider and the Comune, decision 0010)."""

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)
        if is_translator_only(self.request.user):
            pages = pages.filter(live=True)
        return pages


def page_search(request, results_only=False):
    from wagtail.admin.viewsets.pages import base_page_viewset

    options = {"results_only": True} if results_only else {}
    view = base_page_viewset.construct_view(_SearchHidingUnapprovedPagesFromTranslators, **options)
    return view(request)
