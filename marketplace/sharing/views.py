"""Citizens' pages of sharing groups: the list, a group (by id or invite link), starting,
joining, leaving and closing a group, and "My groups".

A group is seen by everyone when it is public, by its members, or through its invite link;
any other id is a 404. Members are never named: pages show counts only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class

from content.services.models import ServicePage
from marketplace.offers import service_titles
from marketplace.pricing.rules import format_amount

from . import groups, rules
from .forms import GroupSearchForm, StartGroupForm
from .models import Membership, SharingGroup

Selector = get_class("partner.strategy", "Selector")

INVITE_SESSION_KEY = "sharing_invites"
GROUPS_PER_PAGE = 20


def _strategy(request):
    return getattr(request, "strategy", None) or Selector().strategy(
        request=request, user=request.user
    )


def annotate(groups_list, request):
    """Each group with its service title in the reader's language and what the reader pays
    per unit after their ISEE share if they join (or paid, for a closed group)."""
    groups_list = list(groups_list)
    titles = service_titles([group.offer.product for group in groups_list])
    strategy = _strategy(request)
    for group in groups_list:
        group.title = titles.get(group.offer.product_id, group.offer.product.title)
        group.your_price = your_price(strategy, group.offer, group.price_if_one_joins)
        # Isolated, so that a Latin name keeps its place in an Arabic sentence.
        group.provider_label = format_html("<bdi>{}</bdi>", group.offer.partner.name)
    return groups_list


def your_price(strategy, offer, full_price):
    """What the reader pays of ``full_price`` (EUR per unit) after their ISEE share."""
    from types import SimpleNamespace

    from marketplace.pricing import rules as pricing_rules

    return pricing_rules.price_for(
        SimpleNamespace(product=offer.product, price=full_price),
        strategy.isee_declaration,
        strategy.on_date,
        strategy.bands,
    ).citizen_price


def _groups():
    return SharingGroup.objects.select_related("offer__product", "offer__partner", "zone")


@never_cache
def group_list(request):
    """The public groups still forming, searchable by need and neighbourhood."""
    form = GroupSearchForm(request.GET or None)
    found = _groups().filter(
        status=SharingGroup.Status.FORMING, is_public=True, deadline__gt=timezone.now()
    )
    if form.is_valid():
        need = form.cleaned_data.get("need")
        zone = form.cleaned_data.get("zone")
        if need:
            keys = ServicePage.objects.filter(needs__pk=need).values("translation_key")
            found = found.filter(service_key__in=keys)
        if zone:
            found = found.filter(zone__pk=zone) | found.filter(zone__parent__pk=zone)
    page = Paginator(found.order_by("deadline", "pk"), GROUPS_PER_PAGE).get_page(
        request.GET.get("p")
    )
    return render(
        request,
        "marketplace_sharing/group_list.html",
        {"form": form, "groups": annotate(page.object_list, request), "page_obj": page},
    )


def _visible_group(request, pk):
    group = get_object_or_404(_groups(), pk=pk)
    if (group.is_public or _membership(request, group) or _is_organiser(request, group)
            or _in_organisation(request, group)):
        return group
    raise Http404


def _in_organisation(request, group):
    """Whether the reader is a verified member of the organisation the group is for."""
    from marketplace.organisations.services import is_verified_member

    return group.organisation_id is not None and is_verified_member(
        request.user, group.organisation_id
    )


def member_names(request, group):
    """The names of the group's households, for a verified member of the organisation a
    restricted group is for (only verified members are named); None everywhere else."""
    from marketplace.organisations import rules as organisation_rules
    from marketplace.organisations.models import OrganisationMember

    if group.organisation_id is None or not request.user.is_authenticated:
        return None
    verified = set(
        OrganisationMember.objects.verified()
        .filter(organisation_id=group.organisation_id)
        .values_list("user_id", flat=True)
    )
    if not organisation_rules.may_see_names(True, request.user.pk in verified, True):
        return None
    return [
        membership.household.get_full_name() or membership.household.email
        for membership in group.memberships.filter(status__in=Membership.ACTIVE)
        .select_related("household")
        .order_by("joined_at", "pk")
        if organisation_rules.may_see_names(True, True, membership.household_id in verified)
    ]


def _membership(request, group):
    if not request.user.is_authenticated:
        return None
    return (
        Membership.objects.filter(group=group, household=request.user, status__in=Membership.ACTIVE)
        .select_related("order_line__order")
        .first()
    )


def _is_organiser(request, group):
    return request.user.is_authenticated and group.organiser_id == request.user.pk


def _render_group(request, group, token=""):
    membership = _membership(request, group)
    (group,) = annotate([group], request)
    invite_url = ""
    if _is_organiser(request, group) and group.is_forming:
        raw = request.session.get(INVITE_SESSION_KEY, {}).get(str(group.pk))
        if raw and group.invite_matches(raw):
            invite_url = request.build_absolute_uri(
                reverse("marketplace_sharing:invite", kwargs={"token": raw})
            )
    table = rules.price_table(group.tiers(), group.offer.price or 0, group.max_households)
    strategy = _strategy(request)
    return render(
        request,
        "marketplace_sharing/group_detail.html",
        {
            "group": group,
            "member_names": member_names(request, group),
            "membership": membership,
            "is_organiser": _is_organiser(request, group),
            "token": token,
            "invite_url": invite_url,
            "can_close": _is_organiser(request, group)
            and group.is_forming
            and group.households_count >= group.min_households,
            "price_rows": [
                {"households": n, "full": price, "yours": your_price(strategy, group.offer, price),
                 "current": n == group.households_count}
                for n, price in table
            ],
        },
    )


@never_cache
def group_detail(request, pk):
    return _render_group(request, _visible_group(request, pk))


@never_cache
def invite(request, token):
    group = groups.group_for_invite(token)
    if group is None:
        raise Http404
    return _render_group(request, group, token=token)


@never_cache
@login_required
def start_group_for(request, organisation):
    """A representative opens a group restricted to the organisation's verified members."""
    from marketplace.organisations.services import acting_membership

    acting = acting_membership(request.user, organisation)
    if acting is None:
        raise Http404
    key = request.POST.get("service") or request.GET.get("service") or ""
    try:
        return start_group(request, key, organisation=acting.organisation)
    except ValidationError:
        raise Http404 from None


@never_cache
@login_required
def start_group(request, service_key, organisation=None):
    service = (
        ServicePage.objects.live()
        .filter(translation_key=service_key, locale__language_code=translation.get_language())
        .first()
        or ServicePage.objects.live().filter(translation_key=service_key).first()
    )
    if service is None or not service.facts_source.sharable:
        raise Http404
    form = StartGroupForm(
        service, _strategy(request), request.POST or None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        group, token = groups.start_group(
            form.cleaned_data["offer"],
            request.user,
            translation.get_language(),
            organisation=organisation,
            **form.terms(),
        )
        _remember_invite(request, group, token)
        messages.success(
            request, _("Your group is open. Share the invite link with the households you know.")
        )
        return redirect("marketplace_sharing:group", pk=group.pk)
    return render(
        request,
        "marketplace_sharing/start_group.html",
        {"form": form, "service": service, "organisation": organisation},
    )


def _remember_invite(request, group, token):
    invites = request.session.get(INVITE_SESSION_KEY, {})
    invites[str(group.pk)] = token
    request.session[INVITE_SESSION_KEY] = invites


def _posted_group(request, pk):
    group = get_object_or_404(_groups(), pk=pk)
    token = request.POST.get("token", "")
    if not (group.is_public or group.invite_matches(token) or _membership(request, group)
            or _is_organiser(request, group)):
        raise Http404
    return group


def join_rate_exceeded(request):
    """Whether this account has joined (or tried to) more often than the allowed rate."""
    from django.conf import settings
    from django_ratelimit.core import is_ratelimited

    return is_ratelimited(
        request, group="sharing-join", key="user", rate=settings.WEMI_SHARING_JOIN_RATE,
        method="POST", increment=True,
    )


@require_POST
@login_required
def join(request, pk):
    group = _posted_group(request, pk)
    if join_rate_exceeded(request):
        messages.error(
            request,
            _("You tried to join groups too many times in a short while. Please try again "
              "later."),
        )
        return redirect("marketplace_sharing:group", pk=group.pk)
    try:
        membership = groups.join(group, request.user, translation.get_language())
    except groups.AlreadyMember:
        messages.info(request, _("You are already in this group."))
    except groups.SharingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You joined the group. You will pay at most %(price)s € per unit, less if more "
              "households join.")
            % {"price": format_amount(membership.price_cap)},
        )
    return redirect("marketplace_sharing:group", pk=group.pk)


@require_POST
@login_required
def leave(request, pk):
    group = get_object_or_404(_groups(), pk=pk)
    try:
        groups.leave(group, request.user)
    except groups.NotMember:
        raise Http404 from None
    except groups.SharingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You left the group."))
    return redirect("marketplace_sharing:mine")


@require_POST
@login_required
def close(request, pk):
    group = get_object_or_404(_groups(), pk=pk, organiser=request.user)
    outcome = groups.close_group(group.pk, by=request.user, early=True)
    if outcome == rules.CONFIRM:
        messages.success(request, _("The group is confirmed: every household has its order."))
    else:
        messages.error(
            request, _("The group cannot be closed now: it has not reached its minimum.")
        )
    return redirect("marketplace_sharing:group", pk=group.pk)


@require_POST
@login_required
def new_link(request, pk):
    group = get_object_or_404(_groups(), pk=pk, organiser=request.user)
    if not group.is_forming:
        raise Http404
    _remember_invite(request, group, groups.new_invite_token(group))
    messages.success(request, _("A new invite link is ready: the old one no longer works."))
    return redirect("marketplace_sharing:group", pk=group.pk)


@require_POST
@login_required
def revoke_link(request, pk):
    group = get_object_or_404(_groups(), pk=pk, organiser=request.user)
    groups.revoke_invite(group)
    messages.success(request, _("The invite link no longer works."))
    return redirect("marketplace_sharing:group", pk=group.pk)


@never_cache
@login_required
def my_groups(request):
    memberships = list(
        Membership.objects.filter(household=request.user)
        .exclude(status=Membership.Status.LEFT)
        .select_related("group__offer__product", "group__zone", "order_line__order")
        .order_by("-joined_at")
    )
    annotate([membership.group for membership in memberships], request)
    return render(request, "marketplace_sharing/my_groups.html", {"memberships": memberships})

