"""The providers' and the Comune's view of sharing groups in the Wagtail admin (/cms/).

Provider staff see the groups on their own offers, accept or decline a confirmed group as
one unit, and set the shared price tiers of their market offers; the Comune (``view_all_orders``)
sees every group, and sets the tiers of accredited offers (``change_accredited_tariff``).
Anything outside ``access.visible_offers`` is a 404.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from content.services.models import ServicePage
from marketplace.fulfilment import access, workflow
from marketplace.offers import service_titles
from marketplace.privacy.access import record_accesses
from marketplace.privacy.models import DataAccess

from . import groups
from .forms import TierFormSet
from .models import SharingGroup

GROUPS_PER_PAGE = 50


def may_use(user):
    return access.uses_orders_workspace(user) or access.uses_offers_workspace(user)


def visible_groups(user):
    found = SharingGroup.objects.select_related(
        "offer__product", "offer__partner", "zone", "organisation"
    )
    if access.can_view_all_orders(user):
        return found
    return found.filter(offer__partner__in=access.partners_of(user))


def sharable_offers(user):
    keys = ServicePage.objects.filter(sharable=True).values("translation_key")
    return (
        access.visible_offers(user)
        .filter(product__service_key__in=keys, product__is_public=True)
        .select_related("product", "partner")
        .order_by("partner__name", "pk")
    )


class StatusFilter(forms.Form):
    """Filters of the groups list (and of its CSV export): state, service, zone, context."""

    status = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All"))] + list(SharingGroup.Status.choices),
    )
    service = forms.ChoiceField(label=gettext_lazy("Service"), required=False)
    zone = forms.TypedChoiceField(label=gettext_lazy("Neighbourhood"), required=False,
                                  coerce=int, empty_value=None)
    context = forms.ChoiceField(
        label=gettext_lazy("Context"),
        required=False,
        choices=[("", gettext_lazy("All"))] + list(SharingGroup.Context.choices),
    )
    organisations = forms.BooleanField(
        label=gettext_lazy("Only groups restricted to an organisation"), required=False
    )

    def __init__(self, groups_seen, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from content.taxonomy.models import Zone, localized

        products = {}
        for group in groups_seen.select_related("offer__product").order_by():
            products.setdefault(str(group.service_key), group.offer.product)
        titles = service_titles(list(products.values()))
        self.fields["service"].choices = [("", _("All"))] + sorted(
            ((key, titles.get(product.pk, product.title)) for key, product in products.items()),
            key=lambda choice: choice[1],
        )
        zones = list(Zone.objects.filter(pk__in=groups_seen.values("zone")))
        self.fields["zone"].choices = [("", _("All"))] + sorted(
            ((zone.pk, shown.name) for zone, shown in zip(zones, localized(zones), strict=True)),
            key=lambda choice: choice[1],
        )

    def apply(self, found):
        if not self.is_valid():
            return found
        data = self.cleaned_data
        if data["status"]:
            found = found.filter(status=data["status"])
        if data["service"]:
            found = found.filter(service_key=data["service"])
        if data["zone"]:
            found = found.filter(zone_id=data["zone"])
        if data["context"]:
            found = found.filter(context=data["context"])
        if data["organisations"]:
            found = found.filter(organisation__isnull=False)
        return found


CSV_COLUMNS = [
    ("id", "pk"), ("service", "title"), ("provider", "offer.partner.name"),
    ("offer_sku", "offer.partner_sku"), ("context", "context"), ("organisation", "org_name"),
    ("status", "status"), ("households", "households_count"),
    ("min_households", "min_households"), ("max_households", "max_households"),
    ("zone", "zone.name"), ("deadline", "deadline"), ("start_date", "start_date"),
    ("frequency", "frequency"), ("public", "is_public"), ("price_per_household", "current_price"),
    ("final_households", "final_households"), ("closed_at", "closed_at"),
]


def _value(group, path):
    value = group
    for part in path.split("."):
        value = getattr(value, part)
    return "" if value is None else value


def groups_csv(found):
    """The groups as CSV rows (counts only: no household is named)."""
    import csv
    import io

    found = list(found.select_related("organisation"))
    titles = service_titles([group.offer.product for group in found])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, _path in CSV_COLUMNS])
    for group in found:
        group.title = titles.get(group.offer.product_id, group.offer.product.title)
        group.org_name = group.organisation.name if group.organisation_id else ""
        writer.writerow([_value(group, path) for _name, path in CSV_COLUMNS])
    return out.getvalue()


class AdminMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not may_use(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GroupListView(AdminMixin, TemplateView):
    page_title = gettext_lazy("Sharing groups")
    template_name = "marketplace_sharing/admin/group_list.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = visible_groups(self.request.user)
        form = StatusFilter(found, self.request.GET or None)
        found = form.apply(found)
        page = Paginator(found.order_by("-deadline", "-pk"), GROUPS_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        page.object_list = list(page.object_list)
        titles = service_titles([group.offer.product for group in page.object_list])
        for group in page.object_list:
            group.title = titles.get(group.offer.product_id, group.offer.product.title)
        offers = list(sharable_offers(self.request.user)[:200])
        for offer in offers:
            offer.tiers_editable = "price" in access.editable_offer_fields(
                self.request.user, offer
            )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(filter_form=form, page_obj=page, offers=offers,
                       csv_query=query.urlencode())
        return context


class GroupCsvView(AdminMixin, TemplateView):
    """The filtered groups as a CSV file (the Comune's and each provider's own)."""

    def get(self, request, *args, **kwargs):
        from django.http import HttpResponse
        from django.utils import timezone

        found = visible_groups(request.user)
        found = StatusFilter(found, request.GET or None).apply(found)
        response = HttpResponse(
            groups_csv(found.order_by("-deadline", "-pk")), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="sharing-groups-{stamp}.csv"'
        return response


class GroupDecisionForm(forms.Form):
    scheduled_start = forms.DateTimeField(
        label=gettext_lazy("The service starts on"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes for the households"), required=False, widget=forms.Textarea
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for declining"), required=False, widget=forms.Textarea
    )


class GroupDetailView(AdminMixin, TemplateView):
    template_name = "marketplace_sharing/admin/group_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.group = get_object_or_404(visible_groups(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Sharing group %(number)s") % {"number": self.group.pk}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("marketplace_sharing_admin:group_list"), "label": _("Sharing groups")},
            {"url": "", "label": self.get_page_title()},
        ]

    def may_decide(self):
        return (
            self.group.status == SharingGroup.Status.CONFIRMED
            and access.lines_to_fulfil(self.request.user)
            .filter(sharing_membership__group=self.group, status="pending")
            .exists()
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # The access log: one row per household whose order (and price, which follows their
        # ISEE) the page shows.
        record_accesses(
            request,
            [line.order.user for line in response.context_data["lines"]],
            DataAccess.Action.VIEW_GROUP,
            purpose="comune" if not self.may_decide_any() else "fulfilment",
            object_ref=(self.group._meta.label_lower, str(self.group.pk)),
        )
        return response

    def may_decide_any(self):
        return access.lines_to_fulfil(self.request.user).filter(
            sharing_membership__group=self.group
        ).exists()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = list(
            access.visible_lines(self.request.user)
            .filter(sharing_membership__group=self.group)
            .select_related("order__user")
            .order_by("pk")
        )
        title = service_titles([self.group.offer.product]).get(self.group.offer.product_id)
        context.update(
            group=self.group,
            title=title or self.group.offer.product.title,
            lines=lines,
            form=kwargs.get("form") or GroupDecisionForm(),
            may_decide=self.may_decide(),
            may_deliver=self.may_deliver(),
        )
        return context

    def may_deliver(self):
        return (
            self.group.status == SharingGroup.Status.CONFIRMED
            and access.lines_to_fulfil(self.request.user)
            .filter(sharing_membership__group=self.group, status="accepted")
            .exists()
        )

    def post(self, request, pk):
        if request.POST.get("action") == "deliver":
            if not self.may_deliver():
                raise PermissionDenied
            try:
                moved = groups.deliver_group(self.group, request.user)
            except (workflow.MissingDetails, workflow.InvalidTransition) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("%(n)s households delivered.") % {"n": moved})
            return redirect("marketplace_sharing_admin:group_detail", pk=self.group.pk)
        if not self.may_decide():
            raise PermissionDenied
        form = GroupDecisionForm(request.POST)
        accept = request.POST.get("action") == "accept"
        if form.is_valid():
            try:
                moved = groups.provider_decision(
                    self.group,
                    request.user,
                    accept=accept,
                    scheduled_start=form.cleaned_data["scheduled_start"],
                    notes=form.cleaned_data["notes"],
                    reason=form.cleaned_data["reason"],
                )
            except (workflow.MissingDetails, workflow.InvalidTransition) as error:
                form.add_error(None, str(error))
            else:
                if accept:
                    messages.success(request, _("%(n)s households accepted.") % {"n": moved})
                else:
                    messages.success(request, _("%(n)s households declined.") % {"n": moved})
                return redirect("marketplace_sharing_admin:group_detail", pk=self.group.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TierEditView(AdminMixin, TemplateView):
    template_name = "marketplace_sharing/admin/tiers.html"

    def dispatch(self, request, *args, **kwargs):
        self.offer = get_object_or_404(
            access.visible_offers(request.user).select_related("product", "partner"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def editable(self):
        return "price" in access.editable_offer_fields(self.request.user, self.offer)

    def get_page_title(self):
        return _("Shared prices")

    def get_page_subtitle(self):
        return self.offer.product.get_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("marketplace_sharing_admin:group_list"), "label": _("Sharing groups")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            offer=self.offer,
            editable=self.editable(),
            tiers=self.offer.sharing_tiers.all(),
            formset=kwargs.get("formset") or TierFormSet(instance=self.offer, prefix="tiers"),
        )
        return context

    def post(self, request, pk):
        if not self.editable():
            raise PermissionDenied
        formset = TierFormSet(request.POST, instance=self.offer, prefix="tiers")
        if not formset.is_valid():
            messages.error(request, _("The prices could not be saved: check the form."))
            return self.render_to_response(self.get_context_data(formset=formset), status=400)
        formset.save()
        log(
            instance=self.offer,
            action="wagtail.edit",
            user=request.user,
            data={"sharing_tiers": [str(tier) for tier in self.offer.sharing_tiers.all()]},
        )
        messages.success(request, _("Shared prices saved."))
        return redirect("marketplace_sharing_admin:group_list")
