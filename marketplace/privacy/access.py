"""Who may act for whom, and the access log: the two functions every view calls.

``active_delegation(operator, citizen, purpose, now)`` decides every acting view (the rule
itself is ``rules.pick_active``); ``record_access(...)`` writes the one ``DataAccess`` row of
a view where staff open a citizen's personal data.
"""

import uuid

from django.utils import timezone

from . import rules
from .models import DataAccess, Delegation


def is_operator(user):
    """Whether ``user`` may receive delegations: an operator of a Spazio WeMi."""
    from content.spaces.operators import is_space_operator

    return is_space_operator(user)


def active_delegation(operator, citizen, purpose, now=None):
    """The ``Delegation`` by which ``operator`` may act for ``citizen`` for ``purpose`` (one
    of ``rules.PURPOSES``) at ``now`` (default: this instant), or ``None``.

    ``None`` also when ``operator`` is no longer a Spazio operator (the role was removed)
    or either user is anonymous or inactive.
    """
    if operator is None or citizen is None:
        return None
    if not (operator.is_authenticated and operator.is_active and citizen.is_active):
        return None
    if not is_operator(operator):
        return None
    now = now or timezone.now()
    delegations = Delegation.objects.filter(
        operator=operator, citizen=citizen, revoked_at__isnull=True, ends_at__gt=now
    )
    return rules.pick_active(list(delegations), operator.pk, citizen.pk, purpose, now)


def citizens_for(operator, purpose, now=None):
    """The citizens ``operator`` may act for now for ``purpose``, by name."""
    from django.contrib.auth import get_user_model

    if not is_operator(operator):
        return get_user_model().objects.none()
    now = now or timezone.now()
    ids = {
        delegation.citizen_id
        for delegation in Delegation.objects.filter(
            operator=operator, revoked_at__isnull=True, ends_at__gt=now, starts_at__lte=now
        )
        if rules.is_active(delegation, purpose, now)
    }
    return (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .order_by("last_name", "first_name", "pk")
    )


def request_id(request):
    """The request's id: the proxy's ``X-Request-ID`` when sent, else one made here."""
    if request is None:
        return ""
    if not hasattr(request, "wemi_request_id"):
        sent = request.headers.get("X-Request-ID", "")
        request.wemi_request_id = sent[:64] if sent.isascii() and sent else uuid.uuid4().hex
    return request.wemi_request_id


def record_access(
    request_or_actor, subject, action, obj=None, purpose="", delegation=None, object_ref=None
):
    """Writes one ``DataAccess`` row: ``actor`` (the request's real user, or a user given
    directly) opened ``subject``'s data doing ``action`` (``DataAccess.Action``) on ``obj``
    (any model instance, or ``None``; or ``object_ref``, a ``(type, id)`` pair of strings)
    for ``purpose`` (a code of ``PURPOSE_LABELS``).

    In acting mode the request's delegation and Spazio are recorded. Nothing is written when
    the actor is the subject (a citizen reading their own data) or anonymous. Returns the
    row or ``None``.
    """
    request = None if hasattr(request_or_actor, "is_authenticated") else request_or_actor
    actor = getattr(request, "operator", None) or getattr(request, "user", None)
    if request is None:
        actor = request_or_actor
    if actor is None or not actor.is_authenticated or subject is None:
        return None
    if actor.pk == subject.pk:
        return None
    if delegation is None and request is not None:
        acting = getattr(request, "acting_delegation", None)
        if acting is not None and acting.citizen_id == subject.pk:
            delegation = acting
    if obj is not None:
        object_ref = (obj._meta.label_lower, str(obj.pk))
    object_type, object_id = object_ref or ("", "")
    if request is not None:
        request.wemi_access_recorded = True
    return DataAccess.objects.create(
        actor=actor,
        subject=subject,
        delegation=delegation,
        purpose=purpose or (delegation.purposes[0] if delegation else ""),
        action=action,
        object_type=object_type,
        object_id=object_id[:64],
        space_key=delegation.space_key if delegation else None,
        request_id=request_id(request),
    )


def record_accesses(request, subjects, action, purpose, object_ref=None):
    """One ``DataAccess`` row per distinct citizen among ``subjects`` (users or ``None``)
    whose data a staff list or export shows: a list of 30 orders of 12 citizens is 12 rows,
    each in that citizen's "who has seen my data". The actor, the anonymous and the empty
    are skipped. Returns the rows written."""
    actor = getattr(request, "operator", None) or getattr(request, "user", None)
    if actor is None or not actor.is_authenticated:
        return []
    seen = {}
    for subject in subjects:
        if subject is not None and subject.pk != actor.pk and subject.pk not in seen:
            seen[subject.pk] = subject
    acting = getattr(request, "acting_delegation", None)
    object_type, object_id = object_ref or ("", "")
    rows = [
        DataAccess(
            actor=actor,
            subject=subject,
            delegation=acting if acting is not None and acting.citizen_id == subject.pk else None,
            purpose=purpose,
            action=action,
            object_type=object_type,
            object_id=object_id[:64],
            space_key=acting.space_key
            if acting is not None and acting.citizen_id == subject.pk
            else None,
            request_id=request_id(request),
        )
        for subject in seen.values()
    ]
    request.wemi_access_recorded = True
    return DataAccess.objects.bulk_create(rows)
