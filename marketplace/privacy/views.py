"""The citizen's pages (who has seen my data, my authorisations) and the operator's desk
(citizens I act for, desk-signed consent, assisted accounts, acting mode)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from . import acting, rules
from .access import active_delegation, citizens_for, is_operator, record_access
from .forms import AssistedAccountForm, DeskConsentForm, GrantForm, spaces_by_key
from .models import AssistedAccount, DataAccess, Delegation

ROWS_PER_PAGE = 50


def purpose_labels():
    """The citizen-facing label of each ``DataAccess.purpose`` code."""
    return {
        rules.PURCHASE: _("Buying services for you (authorised by you)"),
        rules.ORDERS: _("Your orders (authorised by you)"),
        "fulfilment": _("Handling your order (provider)"),
        "comune": _("Checks by the Comune di Milano"),
        "isee_check": _("Checking your ISEE declaration"),
        "desk": _("Registration at a Spazio WeMi"),
    }


def delegation_rows(delegations, now):
    return [
        {
            "delegation": d,
            "active": rules.is_active(d, d.purposes[0] if d.purposes else "", now)
            and d.revoked_at is None,
        }
        for d in delegations
    ]


@never_cache
@login_required
def access_log(request):
    """ "Who has seen my data": the access log rows whose subject is the citizen."""
    rows = DataAccess.objects.filter(subject=request.user).select_related("actor")
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("p"))
    titles = spaces_by_key()
    labels = purpose_labels()
    entries = [
        {
            "row": row,
            "purpose": labels.get(row.purpose, row.purpose),
            "space": titles.get(row.space_key, ""),
        }
        for row in page.object_list
    ]
    return render(
        request,
        "marketplace_privacy/access_log.html",
        {"page_obj": page, "entries": entries},
    )


@never_cache
@login_required
def delegations(request):
    """The citizen's authorisations (active and past), and the form to grant one online."""
    form = GrantForm(request.POST or None, citizen=request.user)
    if request.method == "POST" and form.is_valid():
        row = form.cleaned_data["operator"]
        Delegation.objects.create(
            operator=row.user,
            citizen=request.user,
            purposes=list(form.cleaned_data["purposes"]),
            granted_via=Delegation.GrantedVia.CITIZEN_ONLINE,
            space_key=row.space_key,
            starts_at=form.cleaned_data["starts_at"],
            ends_at=form.cleaned_data["ends_at"],
            created_by=request.user,
        )
        messages.success(request, _("The operator is authorised."))
        return redirect("marketplace_privacy:delegations")
    now = timezone.now()
    given = Delegation.objects.filter(citizen=request.user).select_related("operator")
    return render(
        request,
        "marketplace_privacy/delegations.html",
        {"form": form, "rows": delegation_rows(given, now), "spaces": spaces_by_key()},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
@require_POST
def revoke(request, pk):
    """The citizen revokes one of their authorisations (at once; a second click is a no-op)."""
    delegation = get_object_or_404(Delegation, pk=pk, citizen=request.user)
    revoked = Delegation.objects.filter(pk=delegation.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=request.user
    )
    if revoked:
        messages.success(request, _("The authorisation is revoked."))
    else:
        messages.info(request, _("This authorisation was already revoked."))
    return redirect("marketplace_privacy:delegations")


def operator_required(view):
    """The desk's views: Spazio operators only (403 for anyone else, 302 to log in first)."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_operator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def operator_space_keys(user):
    from content.spaces.operators import space_keys_for

    return space_keys_for(user)


@never_cache
@operator_required
def desk(request):
    """The operator's desk: the citizens they may act for now, and what they can register."""
    now = timezone.now()
    citizens = list(citizens_for(request.user, rules.PURCHASE, now))
    return render(
        request,
        "marketplace_privacy/desk.html",
        {"citizens": citizens},
    )


@never_cache
@operator_required
@require_POST
def start_acting(request, citizen_id):
    """Enter acting mode for ``citizen_id``: only with an active delegation (else 404, the
    operator learns nothing of a citizen who did not authorise them)."""
    citizen = get_user_model().objects.filter(pk=citizen_id).first()
    delegation = active_delegation(request.user, citizen, rules.PURCHASE)
    if delegation is None:
        raise Http404
    acting.start(request, citizen)
    messages.success(
        request,
        _("You are now acting for %(name)s.") % {"name": citizen.get_full_name() or citizen.email},
    )
    return redirect(f"/{request.LANGUAGE_CODE}/")


@never_cache
@login_required
@require_POST
def stop_acting(request):
    acting.stop(request)
    messages.success(request, _("You are no longer acting for a citizen."))
    return redirect("marketplace_privacy:desk")


def _register_delegation(request, form, citizen):
    return Delegation.objects.create(
        operator=request.user,
        citizen=citizen,
        purposes=list(form.cleaned_data["purposes"]),
        granted_via=Delegation.GrantedVia.DESK_SIGNED,
        evidence_document=form.cleaned_data["evidence_document"],
        space_key=form.cleaned_data["space_key"],
        starts_at=form.cleaned_data["starts_at"],
        ends_at=form.cleaned_data["ends_at"],
        created_by=request.user,
    )


@never_cache
@operator_required
def desk_consent(request):
    """The operator registers a consent the citizen signed at the desk, with its scan."""
    form = DeskConsentForm(
        request.POST or None,
        request.FILES or None,
        operator_space_keys=operator_space_keys(request.user),
    )
    if request.method == "POST" and form.is_valid():
        citizen = form.cleaned_data["citizen"]
        if citizen.pk == request.user.pk:
            form.add_error("citizen", _("You cannot authorise yourself."))
        else:
            delegation = _register_delegation(request, form, citizen)
            record_access(
                request,
                citizen,
                DataAccess.Action.DELEGATION,
                delegation,
                purpose="desk",
                delegation=delegation,
            )
            messages.success(request, _("The signed consent is registered."))
            return redirect("marketplace_privacy:desk")
    return render(
        request,
        "marketplace_privacy/desk_form.html",
        {"form": form, "title": _("Register a consent signed at the desk")},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@operator_required
def assisted_account(request):
    """The operator registers a citizen without e-mail or internet: an account nobody logs in
    to (no usable password), with the consent they signed at the desk."""
    form = AssistedAccountForm(
        request.POST or None,
        request.FILES or None,
        operator_space_keys=operator_space_keys(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            citizen = get_user_model().objects.create(
                # Reserved top-level domain (RFC 2606): never delivered, unique per person.
                email=f"{data['fiscal_code'].lower()}@assisted.invalid",
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            citizen.set_unusable_password()
            citizen.save(update_fields=["password"])
            AssistedAccount.objects.create(
                user=citizen,
                fiscal_code=data["fiscal_code"],
                phone=data["phone"],
                document=data["document"],
                space_key=data["space_key"],
                registered_by=request.user,
            )
            delegation = _register_delegation(request, form, citizen)
            record_access(
                request,
                citizen,
                DataAccess.Action.DELEGATION,
                delegation,
                purpose="desk",
                delegation=delegation,
            )
        messages.success(
            request,
            _("%(name)s is registered. You can now act for them.")
            % {"name": citizen.get_full_name()},
        )
        return redirect("marketplace_privacy:desk")
    return render(
        request,
        "marketplace_privacy/desk_form.html",
        {"form": form, "title": _("Register a citizen without e-mail (assisted account)")},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@login_required
def acting_orders(request):
    """In acting mode, the citizen's orders with their printable receipts (purpose
    ``orders``); outside acting mode, or without that purpose, 403."""
    citizen = getattr(request, "acting_for", None)
    if citizen is None:
        raise PermissionDenied
    delegation = active_delegation(request.user, citizen, rules.ORDERS)
    if delegation is None:
        raise PermissionDenied
    Order = get_model("order", "Order")
    orders = Order.objects.filter(user=citizen).order_by("-date_placed")[:100]
    record_access(
        request,
        citizen,
        DataAccess.Action.VIEW_ORDERS,
        purpose=rules.ORDERS,
        delegation=delegation,
    )
    return render(request, "marketplace_privacy/acting_orders.html", {"orders": orders})
