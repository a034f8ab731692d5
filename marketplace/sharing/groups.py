"""What happens to a sharing group: it is started, households join and leave, it closes.

- Joining and leaving move ``households_count`` by one conditional UPDATE each (the database
  checks the group is forming, not full, before its deadline), so concurrent joiners queue
  on the row and never exceed the maximum (``sharing_group_not_over_max`` backs it up).
- Closing locks the group row and moves it out of ``forming`` once: a second closer (the
  sweep running twice, the organiser and the sweep together) finds nothing to do.
- On confirm, the offer gives one place to the group (``StockRecord.allocate``) and every
  member gets an Oscar order of their own, priced by the strategy
  (:func:`marketplace.sharing.pricing.shared_line_price`) at ``member_charge(cap, final)``
  with their own ISEE share. On failure nobody is charged.
- Members are e-mailed in the language they joined in, after commit.
"""

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from marketplace import line_options

from . import rules
from .models import GroupStatusChange, Membership, SharingGroup, hash_token

Basket = get_model("basket", "Basket")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
CapacityExhausted = get_class("partner.models", "CapacityExhausted")

SHARING_OPTION = "sharing_group"
SHARED_CLASS_SLUG = "shared-service"


class SharingError(Exception):
    """A join, leave or close that cannot happen; ``str()`` is a translated message."""


class GroupFull(SharingError):
    pass


class GroupNotForming(SharingError):
    pass


class AlreadyMember(SharingError):
    pass


class NotMember(SharingError):
    pass


class NotEligible(SharingError):
    """The group is restricted to the verified members of an organisation."""


def ensure_sharing_catalogue():
    """The line option naming the group and the product class of shared lines (which do
    not take places one by one: the group takes one place when it is confirmed)."""
    option, _created = Option.objects.get_or_create(
        code=SHARING_OPTION, defaults={"name": "Gruppo di condivisione", "type": "text"}
    )
    product_class, _created = ProductClass.objects.get_or_create(
        slug=SHARED_CLASS_SLUG,
        defaults={"name": "Servizio condiviso", "requires_shipping": False, "track_stock": False},
    )
    return option, product_class


def shared_line_offer(offer):
    """The hidden stock record the members' order lines are on, for ``offer``: same
    provider, service and pricing kind, not listed, not counting places (created once)."""
    _option, product_class = ensure_sharing_catalogue()
    sku = f"{offer.partner_sku}-SHARED"[:128]
    existing = StockRecord.objects.filter(partner=offer.partner, partner_sku=sku).first()
    if existing is not None:
        return existing
    product = offer.product
    shared = Product.objects.create(
        title=product.title,
        structure=Product.STANDALONE,
        product_class=product_class,
        service_key=product.service_key,
        pricing_kind=product.pricing_kind,
        is_public=False,
        slug=f"{product.slug}-shared"[:128],
    )
    return StockRecord.objects.create(
        product=shared,
        partner=offer.partner,
        partner_sku=sku,
        price=offer.price,
        price_currency=offer.price_currency,
        num_in_stock=None,
        unit=offer.unit,
    )


def new_invite_token(group):
    """A new invite link token for ``group`` (the old one stops working); only its hash
    is stored, so the token is shown once, to the organiser."""
    token = secrets.token_urlsafe(32)
    SharingGroup.objects.filter(pk=group.pk).update(invite_token_hash=hash_token(token))
    group.invite_token_hash = hash_token(token)
    return token


def revoke_invite(group):
    SharingGroup.objects.filter(pk=group.pk).update(invite_token_hash="")
    group.invite_token_hash = ""


def group_for_invite(token):
    """The forming group whose invite token is ``token``, or None (unknown, revoked,
    expired with the group's deadline or the group closed)."""
    if not token or len(token) > 100:
        return None
    return (
        SharingGroup.objects.filter(
            invite_token_hash=hash_token(token),
            status=SharingGroup.Status.FORMING,
            deadline__gt=timezone.now(),
        )
        .select_related("offer__product", "offer__partner", "zone")
        .first()
    )


@transaction.atomic
def start_group(offer, organiser, language, **terms):
    """A new forming group on ``offer`` that ``organiser`` joins first; returns
    ``(group, invite token)``. ``terms``: context, min/max_households, deadline,
    start_date, frequency, zone, place, is_public (validated by the form)."""
    group = SharingGroup.objects.create(
        offer=offer, service_key=offer.product.service_key, organiser=organiser, **terms
    )
    _record(group, "", SharingGroup.Status.FORMING, organiser)
    token = new_invite_token(group)
    join(group, organiser, language)
    return group, token


def join(group, household, language):
    """``household`` joins ``group``; returns the Membership, whose ``price_cap`` is the
    price per household with them in (the most they will pay).

    Raises GroupNotForming (closed or past the deadline), GroupFull, AlreadyMember.
    """
    if group.organisation_id is not None:
        from marketplace.organisations.services import is_verified_member

        if not is_verified_member(household, group.organisation_id):
            raise NotEligible(
                _("This group is only for the verified members of %(name)s.")
                % {"name": group.organisation.name}
            )
    try:
        with transaction.atomic():
            if Membership.objects.filter(
                group=group, household=household, status__in=Membership.ACTIVE
            ).exists():
                raise AlreadyMember(_("You are already in this group."))
            taken = SharingGroup.objects.filter(
                pk=group.pk,
                status=SharingGroup.Status.FORMING,
                deadline__gt=timezone.now(),
                households_count__lt=F("max_households"),
            ).update(households_count=F("households_count") + 1)
            if not taken:
                group.refresh_from_db()
                if group.is_forming:
                    raise GroupFull(_("The group is full: no household can join any more."))
                raise GroupNotForming(_("This group is closed: households can no longer join."))
            group.refresh_from_db(fields=["households_count"])
            return Membership.objects.create(
                group=group,
                household=household,
                price_cap=group.price_at(group.households_count),
                language=language,
            )
    except IntegrityError as error:  # the same household joining twice at once
        raise AlreadyMember(_("You are already in this group.")) from error


@transaction.atomic
def leave(group, household):
    """``household`` leaves the forming group before its deadline.

    Raises NotMember, GroupNotForming.
    """
    membership = (
        Membership.objects.select_for_update()
        .filter(group=group, household=household, status=Membership.Status.JOINED)
        .first()
    )
    if membership is None:
        raise NotMember(_("You are not in this group."))
    left = SharingGroup.objects.filter(
        pk=group.pk,
        status=SharingGroup.Status.FORMING,
        deadline__gt=timezone.now(),
        households_count__gt=0,
    ).update(households_count=F("households_count") - 1)
    if not left:
        raise GroupNotForming(_("This group is closed: you can no longer leave it."))
    membership.status = Membership.Status.LEFT
    membership.left_at = timezone.now()
    membership.save(update_fields=["status", "left_at"])
    group.refresh_from_db(fields=["households_count"])
    return membership


def close_group(group_id, by=None, now=None, early=False):
    """Close group ``group_id`` if it is due (or, ``early``, by its organiser ``by`` once
    the minimum is reached). Returns the outcome: rules.CONFIRM, rules.FAIL or rules.WAIT
    (nothing done: not due, or closed already). Exactly once, under the group's row lock.
    """
    now = now or timezone.now()
    with transaction.atomic():
        group = (
            SharingGroup.objects.select_for_update()
            .filter(pk=group_id, status=SharingGroup.Status.FORMING)
            .first()
        )
        if group is None:
            return rules.WAIT
        if early and (by is None or group.organiser_id != by.pk):
            return rules.WAIT
        outcome = rules.close_outcome(
            group.min_households, group.households_count, group.deadline, now, early=early
        )
        if outcome == rules.WAIT:
            return outcome
        if outcome == rules.CONFIRM:
            try:
                with transaction.atomic():
                    _confirm(group, by, now)
            except CapacityExhausted:
                outcome = rules.FAIL
        if outcome == rules.FAIL:
            _fail(group, by, now)
        members = list(group.memberships.filter(status__in=Membership.ACTIVE).values_list(
            "pk", flat=True
        ))
        released = list(group.memberships.filter(status=Membership.Status.RELEASED).values_list(
            "pk", flat=True
        ))
        from .notifications import send_group_outcome_email

        for membership_id in members if outcome == rules.CONFIRM else released:
            transaction.on_commit(
                lambda pk=membership_id: send_group_outcome_email.enqueue(pk, outcome)
            )
    return outcome


def _confirm(group, by, now):
    group.offer.allocate(1)  # one place for the whole group
    old = group.status
    group.status = SharingGroup.Status.CONFIRMED
    group.final_households = group.households_count
    group.final_unit_price = group.price_at(group.households_count)
    group.closed_at = now
    group.invite_token_hash = ""
    group.save()  # before the orders: the strategy prices their lines at the final price
    line_offer = shared_line_offer(group.offer)
    memberships = list(
        group.memberships.select_related("household").filter(status=Membership.Status.JOINED)
    )
    for membership in memberships:
        line = _place_order(group, membership, line_offer)
        membership.status = Membership.Status.ORDERED
        membership.order_line = line
        membership.save(update_fields=["status", "order_line"])
    _record(group, old, group.status, by)


def _fail(group, by, now):
    group.memberships.filter(status=Membership.Status.JOINED).update(
        status=Membership.Status.RELEASED
    )
    old = group.status
    group.status = SharingGroup.Status.FAILED
    group.final_households = group.households_count
    group.closed_at = now
    group.invite_token_hash = ""
    group.save()
    _record(group, old, group.status, by)


def _place_order(group, membership, line_offer):
    """One order for one member, as the checkout places it: a basket of their own priced
    by their strategy (their ISEE), the group's booking choices as line options."""
    Selector = get_class("partner.strategy", "Selector")
    OrderCreator = get_class("order.utils", "OrderCreator")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
    NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")

    user = membership.household
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    values = {
        line_options.START_DATE: group.start_date.isoformat(),
        line_options.FREQUENCY: group.frequency,
        line_options.SERVICE_ZONE: group.zone.name,
        SHARING_OPTION: str(group.pk),
    }
    if group.place:
        values[line_options.SERVICE_STREET] = group.place
    options = {option.code: option for option in Option.objects.filter(code__in=values)}
    basket.add_product(
        line_offer.product,
        1,
        options=[{"option": options[code], "value": value} for code, value in values.items()],
    )
    shipping = NoShippingRequired()
    charge = shipping.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    with translation.override(membership.language):
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=shipping,
            shipping_charge=charge,
            user=user,
            contact_name=user.get_full_name() or user.email,
        )
    basket.submit()
    return order.lines.get()


def due_groups(now=None):
    """Forming groups whose deadline has passed."""
    now = now or timezone.now()
    return SharingGroup.objects.filter(status=SharingGroup.Status.FORMING, deadline__lte=now)


def close_due_groups(now=None):
    """Close every due group; ``{outcome: count}``. Running it again changes nothing."""
    counts = {rules.CONFIRM: 0, rules.FAIL: 0, rules.WAIT: 0}
    now = now or timezone.now()
    for group_id in list(due_groups(now).values_list("pk", flat=True)):
        counts[close_group(group_id, now=now)] += 1
    return counts


def provider_decision(group, by, accept, scheduled_start=None, notes="", reason=""):
    """The provider accepts (with a schedule) or declines every household of a confirmed
    group at once, in line-id order, all or nothing; a declined group gives its place back.
    Returns the number of lines moved. Raises workflow's InvalidTransition/MissingDetails.
    """
    from marketplace.fulfilment import statuses, workflow

    with transaction.atomic():
        locked = SharingGroup.objects.select_for_update().get(pk=group.pk)
        lines = list(
            get_model("order", "Line")
            .objects.filter(
                sharing_membership__group=locked, status=statuses.PENDING
            )
            .order_by("pk")
        )
        for line in lines:
            if accept:
                workflow.accept(line, by, scheduled_start, notes)
            else:
                workflow.decline(line, by, reason)
        if not accept and locked.status == SharingGroup.Status.CONFIRMED:
            StockRecord.objects.filter(
                Q(pk=locked.offer_id) & Q(num_allocated__gte=1)
            ).update(num_allocated=F("num_allocated") - 1)
            locked.status = SharingGroup.Status.DECLINED
            locked.save(update_fields=["status"])
            _record(locked, SharingGroup.Status.CONFIRMED, locked.status, by)
    return len(lines)


def deliver_group(group, by):
    """The provider marks every accepted household of ``group`` delivered at once, in
    line-id order, all or nothing. Returns the number of lines moved."""
    from marketplace.fulfilment import statuses, workflow

    with transaction.atomic():
        SharingGroup.objects.select_for_update().get(pk=group.pk)
        lines = list(
            get_model("order", "Line")
            .objects.filter(sharing_membership__group=group, status=statuses.ACCEPTED)
            .order_by("pk")
        )
        for line in lines:
            workflow.mark_delivered(line, by)
    return len(lines)


def _record(group, old, new, by):
    GroupStatusChange.objects.create(group=group, old_status=old, new_status=new, changed_by=by)


def default_deadline(now=None):
    return (now or timezone.now()) + datetime.timedelta(days=7)
