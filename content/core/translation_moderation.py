"""Translated pages go through the "Comune moderation" workflow (decision 0003).

wagtail-localize's editor only publishes: its "Publish" writes the translation live, and
``Translation.save_target(publish=False)`` is no draft for pages either (it writes the words
into the page row, which is the live page, before saving a revision). A translator without
publish rights therefore submits here: the translation's current strings become the page's
latest *revision* only, and the page's workflow starts (or resumes after "Request changes").
When the Comune editors approve, Wagtail publishes that revision.

A page published while its moderation is in progress (wagtail-localize's "Publish", "Sync
translated pages", scheduled publishing) has that workflow cancelled by Wagtail itself
(``WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH``, on by default, in ``PublishRevisionAction``), as in
Wagtail's own editor; an approval finishes the workflow before publishing, so it is unaffected.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import WorkflowState


class SubmissionRefused(Exception):
    """The translation cannot be submitted now; ``str()`` says why, for the translator."""


def draft_translation(translation):
    """The target page with the translation's current strings (the Italian text where a string
    is not translated yet), built in memory: nothing is written."""
    page = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.pk)
    return page


def save_draft_revision(translation, user):
    """Store the translation as the target page's latest revision. Only the revision
    bookkeeping columns of the page row change (``latest_revision``, ``draft_title``,
    ``has_unpublished_changes``); the live title and body stay as they are."""
    page = draft_translation(translation)
    try:
        return page.save_revision(user=user, log_action=True)
    except ValidationError as error:
        raise SubmissionRefused(
            _("The translation cannot be submitted: %(errors)s")
            % {"errors": " ".join(error.messages)}
        ) from error


def may_convert_to_alias(user, page):
    """Converting a translation back into an alias puts the source's content on the live page
    at once, without moderation: only those who may publish the page may do it."""
    return page.permissions_for_user(user).can_publish()


def submission_refusal(page):
    """Why the translated ``page`` cannot be submitted now, or None if it can."""
    if page.alias_of_id:
        return _(
            "This page is not translated yet: a Comune editor has to start its translation "
            "first."
        )
    if page.get_workflow() is None:
        return _("No moderation workflow applies to this page.")
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return _("This translation is already awaiting review.")
    return None


@transaction.atomic
def submit_translation_for_moderation(translation, user):
    """Save the translation as a draft revision of its page and put the page in moderation:
    resume the workflow whose reviewers asked for changes, or start the page's workflow.
    Returns the workflow state; raises :class:`SubmissionRefused`."""
    page = translation.get_target_instance()
    reason = submission_refusal(page)
    if reason:
        raise SubmissionRefused(reason)
    save_draft_revision(translation, user)
    page = translation.get_target_instance()  # with the new latest revision
    state = page.current_workflow_state
    if state is not None:  # needs changes: the same state goes back to its task
        state.resume(user=user)
        return state
    return page.get_workflow().start(page, user)


@dataclass
class ModerationStatus:
    """What the translation editor's moderation panel shows about a translated page."""

    NOT_SUBMITTED = "not_submitted"
    AWAITING_REVIEW = "awaiting_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"

    state: str
    since: datetime | None = None
    task_name: str = ""
    reviewer: object = None
    comment: str = ""
    refusal: str | None = None
    # For a user who may review the submission now: approve, reject, preview, dashboard.
    review_urls: dict = field(default_factory=dict)

    @property
    def can_submit(self):
        return self.refusal is None


def moderation_status(page, user):
    """The moderation state of a translated page as ``user`` sees it."""
    state = page.current_workflow_state
    status = ModerationStatus(ModerationStatus.NOT_SUBMITTED, refusal=submission_refusal(page))
    if state is None:
        last = page.workflow_states.order_by("-created_at", "-pk").first()
        if last is not None and last.status == WorkflowState.STATUS_APPROVED:
            decision = last.current_task_state
            status.state = ModerationStatus.APPROVED
            status.since = decision.finished_at if decision else None
            status.reviewer = decision.finished_by if decision else None
        return status

    task_state = state.current_task_state
    status.task_name = task_state.task.name
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        status.state = ModerationStatus.CHANGES_REQUESTED
        status.since = task_state.finished_at
        status.reviewer = task_state.finished_by
        status.comment = task_state.comment
        return status

    status.state = ModerationStatus.AWAITING_REVIEW
    status.since = task_state.started_at
    actions = {name for name, _label, _modal in task_state.task.specific.get_actions(page, user)}
    if "approve" in actions:
        status.review_urls = {
            action: reverse(
                "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
            )
            for action in ("approve", "reject")
        }
        status.review_urls["preview"] = reverse(
            "wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]
        )
        status.review_urls["dashboard"] = reverse("wagtailadmin_home")
    return status
