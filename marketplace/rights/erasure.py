"""Deleting a citizen's account (GDPR art. 17) and the retention purge (art. 2220 c.c.).

``delete_account`` is the one function that erases: the account page and any future
back-office action call it. Order lines the provider has not accepted are cancelled first,
through the fulfilment workflow (one locked transition each: the provider's workspace shows
the cancellation, the places go back to the offer, the citizen gets the usual e-mail); then,
in one transaction, every section of the registry erases its data, the orders keep only what
accounting needs, and the account keeps a placeholder address, no password and no roles.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.fulfilment import workflow

from . import registry, rules
from .models import AccountErasure

User = get_user_model()
Line = get_model("order", "Line")
Order = get_model("order", "Order")


class DeletionRefused(Exception):
    """The account cannot be deleted now; ``message`` says why, in the user's language."""

    def __init__(self, message, lines=()):
        self.message = message
        self.lines = list(lines)
        super().__init__(str(message))


@dataclass(frozen=True)
class DeletionPlan:
    """What deleting ``user`` would do: ``cancel`` (lines cancelled first), ``blocking``
    (lines that stop the deletion), ``orders`` (how many orders are kept, anonymised)."""

    cancel: list
    blocking: list
    orders: int

    @property
    def allowed(self):
        return not self.blocking


def is_staff_account(user):
    """Staff, administrators and provider staff close their accounts through the Comune's
    administrators: their accounts carry other people's work and permissions."""
    return bool(
        user.is_staff or user.is_superuser or user.partners.exists() or user.groups.exists()
    )


def deletion_plan(user):
    """The :class:`DeletionPlan` of ``user`` as things stand now."""
    statuses = Line.objects.filter(order__user=user).values_list("pk", "status")
    cancel_ids, blocking_ids = rules.deletion_plan(statuses)
    lines = Line.objects.select_related("order").order_by("order__date_placed", "pk")
    return DeletionPlan(
        cancel=list(lines.filter(pk__in=cancel_ids)),
        blocking=list(lines.filter(pk__in=blocking_ids)),
        orders=Order.objects.filter(user=user).count(),
    )


def _blocked(lines):
    return DeletionRefused(
        _("A provider has accepted a service of yours that is not delivered yet: your account "
          "can be deleted once it is delivered."),
        lines,
    )


def delete_account(user, *, by=None, now=None):
    """Erases ``user``'s personal data and disables the login. Returns the
    :class:`AccountErasure` (the first one if the account was already erased: a double
    submit shows the same result).

    ``by`` is who asked (the citizen, by default); ``now`` an aware datetime (tests).
    Raises :class:`DeletionRefused` for staff accounts and while a provider is delivering an
    accepted service (GDPR art. 17(3)(b)).
    """
    now = now or timezone.now()
    by = by or user
    existing = AccountErasure.objects.filter(user=user).first()
    if existing is not None:
        return existing
    if is_staff_account(user):
        raise DeletionRefused(
            _("Staff accounts are closed by the Comune's administrators: write to them.")
        )
    plan = deletion_plan(user)
    if plan.blocking:
        raise _blocked(plan.blocking)
    cancelled = 0
    for line in plan.cancel:
        try:
            workflow.cancel(line, by)
        except workflow.InvalidTransition:
            continue  # the provider moved it meanwhile: checked again below, under lock
        cancelled += 1
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        existing = AccountErasure.objects.filter(user=locked).first()
        if existing is not None:
            return existing
        # The workflow locks the order before a line: locking the orders waits for any
        # transition under way, then no provider can accept a line until we commit.
        list(Order.objects.select_for_update().filter(user=locked).values_list("pk"))
        still_open = Line.objects.filter(order__user=locked).values_list("pk", "status")
        cancel_ids, blocking_ids = rules.deletion_plan(still_open)
        if blocking_ids or cancel_ids:
            raise _blocked(Line.objects.filter(pk__in=blocking_ids + cancel_ids))
        orders = Order.objects.filter(user=locked).count()
        registry.erase(locked, now)
        locked.email = rules.erased_email(locked.pk)
        locked.first_name = ""
        locked.last_name = ""
        locked.set_unusable_password()
        locked.is_active = False
        locked.is_staff = False
        locked.is_superuser = False
        locked.last_login = None
        locked.save()
        return AccountErasure.objects.create(
            user=locked,
            erased_at=now,
            requested_by_citizen=by.pk == locked.pk,
            cancelled_lines=cancelled,
            orders_kept=orders,
        )


def purge_expired(now=None, years=rules.ORDER_RETENTION_YEARS):
    """The retention purge: empties the personal fields of every order placed before the
    retention period (``years``, art. 2220 c.c.), and deletes e-mails and notifications
    that reached erased accounts after their erasure (a status e-mail a worker sent late).

    Returns ``(orders, messages)``: how many orders were anonymised and messages deleted.
    Idempotent: a second run finds nothing left and returns ``(0, 0)``.
    """
    from .sections import anonymise_orders

    now = now or timezone.now()
    cutoff = rules.retention_cutoff(timezone.localdate(now), years)
    with transaction.atomic():
        orders = anonymise_orders(Order.objects.filter(date_placed__date__lt=cutoff))
        Email = get_model("communication", "Email")
        Notification = get_model("communication", "Notification")
        erased = AccountErasure.objects.values("user_id")
        messages = Email.objects.filter(user__in=erased).delete()[0]
        messages += Notification.objects.filter(recipient__in=erased).delete()[0]
    return orders, messages
