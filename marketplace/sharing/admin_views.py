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
    found = SharingGroup.objects.select_related("offer__product", "offer__partner", "zone")
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
    status = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("All"))] + list(SharingGroup.Status.choices),
    )


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
        form = StatusFilter(self.request.GET or None)
        found = visible_groups(self.request.user)
        if form.is_valid() and form.cleaned_data["status"]:
            found = found.filter(status=form.cleaned_data["status"])
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
        context.update(filter_form=form, page_obj=page, offers=offers)
        return context


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
        )
        return context

    def post(self, request, pk):
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
