"""Citizens' pages of organisation accounts (/shop/organisations/): register one, ask to
join one, and, as a representative, verify members, buy a service for everybody (one order
billed to the organisation) or open a sharing group restricted to the members."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class

from content.services.models import ServicePage
from marketplace import line_options

from . import services
from .forms import JoinOrganisationForm, OrganisationBuyForm, OrganisationForm
from .models import OrganisationMember
from .strategy import OrganisationStrategy

CapacityExhausted = get_class("partner.models", "CapacityExhausted")


def _memberships(user):
    return OrganisationMember.objects.filter(user=user).select_related("organisation")


@never_cache
@login_required
def organisation_list(request):
    join_form = JoinOrganisationForm(request.POST or None, prefix="join")
    if request.method == "POST" and join_form.is_valid():
        try:
            services.ask_to_join(
                request.user, join_form.organisation, join_form.cleaned_data["note"]
            )
        except services.OrganisationError as error:
            messages.info(request, str(error))
        else:
            messages.success(
                request,
                _("Your request was sent: a representative of %(name)s will verify it.")
                % {"name": join_form.organisation.name},
            )
        return redirect("marketplace_organisations:list")
    return render(
        request,
        "marketplace_organisations/organisation_list.html",
        {"memberships": _memberships(request.user), "join_form": join_form},
    )


@never_cache
@login_required
def register(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.register(request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Thank you: the Comune will verify %(name)s. You can buy for it once it is "
              "verified.") % {"name": organisation.name},
        )
        return redirect("marketplace_organisations:detail", pk=organisation.pk)
    return render(request, "marketplace_organisations/register.html", {"form": form})


def _own_membership(request, pk):
    membership = (
        OrganisationMember.objects.filter(user=request.user, organisation_id=pk)
        .select_related("organisation")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def buyable_services(language):
    """The live services, one page each: in ``language`` where it has one, else in the
    default language (an untranslated service is offered in Arabic too, as its page is)."""
    live = ServicePage.objects.live()
    own = live.filter(locale__language_code=language)
    untranslated = live.filter(locale__language_code=settings.LANGUAGE_CODE).exclude(
        translation_key__in=own.values("translation_key")
    )
    return (own | untranslated).order_by("title")


def sharable_services(language):
    return buyable_services(language).filter(sharable=True)


@never_cache
@login_required
def organisation_detail(request, pk):
    membership = _own_membership(request, pk)
    organisation = membership.organisation
    acting = membership.may_act
    context = {"organisation": organisation, "membership": membership, "acting": acting}
    if acting:
        language = translation.get_language()
        context.update(
            members=organisation.members.select_related("user").order_by(
                "verified_at", "role", "pk"
            ),
            orders=organisation.orders.select_related("order").order_by("-created_at")[:50],
            services=buyable_services(language),
            sharable=sharable_services(language),
        )
    if membership.is_verified:
        context["groups"] = organisation.sharing_groups.filter(status="forming").select_related(
            "offer__product"
        )
    return render(request, "marketplace_organisations/organisation_detail.html", context)


def _member_action(request, pk, member_pk, action):
    member = get_object_or_404(OrganisationMember, pk=member_pk, organisation_id=pk)
    try:
        action(request.user, member)
    except services.OrganisationError as error:
        messages.error(request, str(error))
        return None
    return member


@require_POST
@login_required
def verify_member(request, pk, member_pk):
    if _member_action(request, pk, member_pk, services.verify_member):
        messages.success(request, _("The membership is verified."))
    return redirect("marketplace_organisations:detail", pk=pk)


@require_POST
@login_required
def remove_member(request, pk, member_pk):
    if _member_action(request, pk, member_pk, services.remove_member):
        messages.success(request, _("The person is no longer a member."))
    return redirect("marketplace_organisations:detail", pk=pk)


@never_cache
@login_required
def buy(request, pk):
    acting = services.acting_membership(request.user, pk)
    if acting is None:
        raise Http404
    organisation = acting.organisation
    language = translation.get_language()
    key = request.POST.get("service") or request.GET.get("service") or ""
    service = buyable_services(language).filter(translation_key=key).first() if key else None
    if service is None:
        if key:
            messages.error(request, _("Choose a service from the list."))
        return redirect("marketplace_organisations:detail", pk=pk)
    strategy = OrganisationStrategy(user=request.user)
    form = OrganisationBuyForm(service, strategy, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            line_options.START_DATE: data["start_date"].isoformat(),
            line_options.FREQUENCY: data["frequency"],
            line_options.SERVICE_STREET: data["street"],
            line_options.SERVICE_ZONE: data["zone"].name,
        }
        try:
            billing, created = services.place_organisation_order(
                request.user, organisation, data["offer"], data["quantity"],
                data["households"], values, data["request_key"], language,
            )
        except CapacityExhausted:
            form.add_error("quantity", _("This offer is sold out."))
        except services.OrganisationError as error:
            form.add_error(None, str(error))
        else:
            if created:
                messages.success(
                    request,
                    _("Order %(number)s is placed, billed to %(name)s.")
                    % {"number": billing.order.number, "name": organisation.name},
                )
            return redirect("customer:order", order_number=billing.order.number)
    return render(
        request,
        "marketplace_organisations/buy.html",
        {"organisation": organisation, "service": service, "form": form},
    )
