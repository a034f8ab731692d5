"""Wagtail admin views of the portal: submitting a translated page for moderation, and
wagtail-localize's "Convert to alias page" kept for those who may publish."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import convert

from .translation_moderation import (
    SubmissionRefused,
    may_convert_to_alias,
    submit_translation_for_moderation,
)


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
