"""The provider workspace and the Comune's order views inside the Wagtail admin (/cms/).

Every URL here is registered through ``register_admin_urls`` and so already requires
Wagtail admin access; the querysets of ``access.py`` decide what each user sees: a line or
an offer outside them is a 404, also for guessed ids.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from content.core.spreadsheets import csv_writer
from marketplace import line_options
from marketplace.ledger.templatetags.ledger_tags import paid_how
from marketplace.privacy.access import record_access, record_accesses
from marketplace.privacy.models import DataAccess

from . import access, payments, statuses, workflow
from .contact import line_contact
from .forms import AcceptForm, DeclineForm, LineFilterForm, OfferForm

LINES_PER_PAGE = 50


def _lines_for_listing(request):
    all_orders = access.can_view_all_orders(request.user)
    form = LineFilterForm(request.GET or None, all_orders=all_orders)
    lines = form.filter(access.visible_lines(request.user))
    lines = (
        lines.select_related("order__user", "partner", "fulfilment")
        .prefetch_related("attributes__option")
        .order_by("-order__date_placed", "pk")
    )
    return form, lines, all_orders


class WorkspaceListView(WagtailAdminTemplateMixin, TemplateView):
    """A top-level workspace listing, open to the users ``may_use(user)`` accepts."""

    may_use = None

    def dispatch(self, request, *args, **kwargs):
        if not type(self).may_use(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]


class LineListView(WorkspaceListView):
    page_title = gettext_lazy("Orders")
    header_icon = "list-ul"
    template_name = "marketplace_fulfilment/admin/line_list.html"
    may_use = access.uses_orders_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from marketplace.sharing.workspace import mark_group_rows, one_row_per_group

        form, lines, all_orders = _lines_for_listing(self.request)
        lines = one_row_per_group(lines)  # a sharing group is one unit of work
        page = Paginator(lines, LINES_PER_PAGE).get_page(self.request.GET.get("p"))
        page.object_list = mark_group_rows(list(page.object_list))
        for line in page.object_list:
            line.contact = line_contact(line)
        # The access log: one row per citizen whose order this page shows.
        record_accesses(
            self.request,
            [line.order.user for line in page.object_list],
            DataAccess.Action.VIEW_ORDERS,
            purpose="comune" if all_orders else "fulfilment",
            object_ref=("url", "marketplace_fulfilment:line_list"),
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filter_form=form,
            page_obj=page,
            lines=page.object_list,
            all_orders=all_orders,
            query_string=query.urlencode(),
            export_url=reverse("marketplace_fulfilment:line_export")
            + (f"?{query.urlencode()}" if query else ""),
        )
        return context


class Echo:
    """A file-like object whose ``write`` returns the value: csv rows for streaming."""

    def write(self, value):
        return value


def csv_rows(lines):
    """The header (in the user's language) and one row per line, for the CSV export."""
    yield [
        _("Order"),
        _("Placed on"),
        _("Customer"),
        _("Phone number"),
        _("Customer e-mail"),
        _("Receives the service"),
        _("Notes for the providers"),
        _("Provider"),
        _("Service"),
        _("Quantity"),
        _("Citizen pays (EUR)"),
        _("Comune contribution (EUR)"),
        _("Service address"),
        _("Zone"),
        _("Status"),
        _("Scheduled start"),
        _("Reason for declining"),
        _("Payment received on"),
        _("How it is paid"),
    ]
    for line in lines.iterator(chunk_size=500):
        fulfilment = getattr(line, "fulfilment", None)
        options = {attribute.option.code: attribute.value for attribute in line.attributes.all()}
        scheduled_start = fulfilment.scheduled_start if fulfilment else None
        contact = line_contact(line)
        yield [
            line.order.number,
            date_format(timezone.localtime(line.order.date_placed), "SHORT_DATETIME_FORMAT"),
            contact["name"],
            contact["phone"],
            contact["email"],
            contact["receives_service"],
            contact["notes"],
            line.partner_name,
            line.title,
            line.quantity,
            line.line_price_incl_tax,
            line.comune_contribution,
            options.get(line_options.SERVICE_STREET, ""),
            options.get(line_options.SERVICE_ZONE, ""),
            statuses.line_status_label(line.status),
            date_format(timezone.localtime(scheduled_start), "SHORT_DATETIME_FORMAT")
            if scheduled_start
            else "",
            fulfilment.decline_reason if fulfilment else "",
            date_format(timezone.localtime(fulfilment.payment_received_at), "SHORT_DATETIME_FORMAT")
            if fulfilment and fulfilment.payment_received_at
            else "",
            paid_how(line) or _("To be paid by the citizen to the provider"),
        ]


class LineExportView(View):
    """The filtered order lines as a CSV file, streamed row by row."""

    def get(self, request):
        if not access.uses_orders_workspace(request.user):
            raise PermissionDenied
        _form, lines, all_orders = _lines_for_listing(request)
        # The access log: one row per citizen whose orders the file holds, written before
        # the rows stream out.
        record_accesses(
            request,
            get_user_model().objects.filter(pk__in=lines.values("order__user")),
            DataAccess.Action.VIEW_ORDERS,
            purpose="comune" if all_orders else "fulfilment",
            object_ref=("url", "marketplace_fulfilment:line_export"),
        )
        writer = csv_writer(Echo())
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in csv_rows(lines)),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"wemi-orders-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class LineDetailView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "list-ul"
    template_name = "marketplace_fulfilment/admin/line_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.line = get_object_or_404(
            access.visible_lines(request.user).select_related("order__user", "partner"),
            pk=kwargs["pk"],
        )
        self.can_fulfil = access.lines_to_fulfil(request.user).filter(pk=self.line.pk).exists()
        if request.method == "GET":
            # The access log: provider staff handle the order, Comune operators oversee it.
            record_access(
                request,
                self.line.order.user,
                DataAccess.Action.VIEW_ORDER,
                self.line.order,
                purpose="fulfilment" if self.can_fulfil else "comune",
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Order %(number)s") % {"number": self.line.order.number}

    def get_page_subtitle(self):
        return self.line.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("marketplace_fulfilment:line_list"), "label": _("Orders")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.line
        available = line.available_statuses() if self.can_fulfil else ()
        context.update(
            line=line,
            order=line.order,
            contact=line_contact(line),
            fulfilment=getattr(line, "fulfilment", None),
            status_label=statuses.line_status_label(line.status),
            options=line_options.describe(line.attributes.select_related("option")),
            history=line.status_changes.select_related("changed_by"),
            can_accept=statuses.ACCEPTED in available,
            can_decline=statuses.DECLINED in available,
            can_deliver=statuses.DELIVERED in available,
            can_record_payment=self.can_fulfil and payments.can_record_payment(line),
            payment_label=payments.payment_label(payments.payment_state(line)),
            # The Comune's voucher operators refund a line a voucher paid (ledger_admin).
            can_refund=self.request.user.has_perm("marketplace_ledger.manage_vouchers")
            and line.tenders.filter(account__isnull=False).exists(),
            accept_form=kwargs.get("accept_form") or AcceptForm(),
            decline_form=kwargs.get("decline_form") or DeclineForm(),
        )
        return context


class LineActionView(LineDetailView):
    """POST-only: a provider moves one of their lines on; errors re-render the detail page."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.line = get_object_or_404(
            access.lines_to_fulfil(request.user).select_related("order__user", "partner"),
            pk=kwargs["pk"],
        )
        self.can_fulfil = True
        return super(LineDetailView, self).dispatch(request, *args, **kwargs)

    def post(self, request, pk, action):
        form_class = {"accept": AcceptForm, "decline": DeclineForm}.get(action)
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            messages.error(request, _("The request could not be saved: check the form."))
            return self.render_to_response(
                self.get_context_data(**{f"{action}_form": form}), status=400
            )
        try:
            if action == "accept":
                workflow.accept(
                    self.line,
                    request.user,
                    form.cleaned_data["scheduled_start"],
                    form.cleaned_data["schedule_notes"],
                )
                messages.success(request, _("Request accepted: the citizen has been informed."))
            elif action == "decline":
                workflow.decline(self.line, request.user, form.cleaned_data["reason"])
                messages.success(request, _("Request declined: the citizen has been informed."))
            elif action == "deliver":
                workflow.mark_delivered(self.line, request.user)
                messages.success(request, _("Marked as delivered: the citizen has been informed."))
            elif payments.record_payment(self.line, request.user):
                messages.success(request, _("Payment recorded: the citizen has been informed."))
            else:
                messages.info(request, _("The payment had already been recorded."))
        except (workflow.InvalidTransition, payments.PaymentNotRecordable) as error:
            messages.error(request, str(error))
        return redirect("marketplace_fulfilment:line_detail", pk=self.line.pk)


class OfferListView(WorkspaceListView):
    page_title = gettext_lazy("Offers")
    header_icon = "tag"
    template_name = "marketplace_fulfilment/admin/offer_list.html"
    may_use = access.uses_offers_workspace

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        offers = (
            access.visible_offers(self.request.user)
            .select_related("product", "partner")
            .order_by("partner__name", "product__title", "pk")
        )
        context["page_obj"] = Paginator(offers, LINES_PER_PAGE).get_page(self.request.GET.get("p"))
        return context


class OfferEditView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tag"
    template_name = "marketplace_fulfilment/admin/offer_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.offer = get_object_or_404(
            access.visible_offers(request.user).select_related("product", "partner"),
            pk=kwargs["pk"],
        )
        self.editable_fields = access.editable_offer_fields(request.user, self.offer)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Offer")

    def get_page_subtitle(self):
        return self.offer.product.get_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("marketplace_fulfilment:offer_list"), "label": _("Offers")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            offer=self.offer,
            form=kwargs.get("form")
            or OfferForm(instance=self.offer, editable_fields=self.editable_fields),
        )
        return context

    def post(self, request, pk):
        if not self.editable_fields:
            raise PermissionDenied
        form = OfferForm(request.POST, instance=self.offer, editable_fields=self.editable_fields)
        if not form.is_valid():
            messages.error(request, _("The offer could not be saved: check the form."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        changes = {
            name: [str(form.initial.get(name)), str(form.cleaned_data[name])]
            for name in form.changed_data
        }
        form.save()
        if changes:  # the Comune reads the history of offers (docs/decisions/0014)
            log(instance=self.offer, action="wagtail.edit", user=request.user, data=changes)
        messages.success(request, _("Offer saved."))
        return redirect("marketplace_fulfilment:offer_list")
