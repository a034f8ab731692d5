"""The Comune operator's voucher funds in the Wagtail admin (/cms/vouchers/).

Operators with ``marketplace_ledger.manage_vouchers`` create a fund (its budget is loaded
into the ledger), approve or refuse applications, import grants from a CSV file with a
per-row report, cancel or restore a voucher, reverse a transaction, export the vouchers as
CSV and produce the per-provider settlement statement (CSV, PDF). Opening a voucher (a
citizen's data) writes one ``DataAccess`` row.
"""

import csv
import uuid

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from oscar.core.loading import get_model
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.pricing.rules import format_amount
from marketplace.privacy.access import record_access
from marketplace.privacy.models import DataAccess

from . import posting, rules, vouchers
from .forms import FundForm, ImportForm, RefundForm, TopUpForm, parse_grant_row
from .models import Account, Fund, Tender, Transfer, Voucher, VoucherApplication

Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")
MANAGE = "marketplace_ledger.manage_vouchers"


def may_manage(user):
    return user.has_perm(MANAGE)


def fund_figures(fund):
    """What the fund has: budget loaded, still to grant, granted and unspent, held for open
    orders, owed to providers (captured minus settled)."""
    accounts = Account.objects.filter(fund=fund)
    by_kind = dict(
        accounts.values_list("kind").annotate(total=Sum("balance")).values_list("kind", "total")
    )
    return {
        "budget": rules.to_eur(fund.budget_cents),
        "available": rules.to_eur(by_kind.get(Account.Kind.FUND, 0)),
        "in_vouchers": rules.to_eur(by_kind.get(Account.Kind.WALLET, 0)),
        "held": rules.to_eur(by_kind.get(Account.Kind.HOLD, 0)),
        "owed": rules.to_eur(by_kind.get(Account.Kind.PAYABLE, 0)),
    }


class AdminMixin(WagtailAdminTemplateMixin):
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("ledger_admin:fund_list"), "label": _("Voucher funds")},
            {"url": "", "label": self.get_page_title()},
        ]


class FundListView(AdminMixin, TemplateView):
    page_title = gettext_lazy("Voucher funds")
    template_name = "ledger/admin/fund_list.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        funds = list(Fund.objects.all())
        for fund in funds:
            fund.figures = fund_figures(fund)
        context["funds"] = funds
        return context


class FundEditView(AdminMixin, TemplateView):
    template_name = "ledger/admin/fund_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.fund = get_object_or_404(Fund, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.fund.name if self.fund else _("New voucher fund")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or FundForm(instance=self.fund)
        context["fund"] = self.fund
        return context

    def post(self, request, *args, **kwargs):
        form = FundForm(request.POST, instance=self.fund)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        is_new = self.fund is None
        fund = form.save(commit=False)
        if is_new:
            fund.budget_cents = rules.to_cents(form.cleaned_data["budget"])
        fund.save()
        form.save_m2m()
        if is_new:
            vouchers.open_fund(fund, actor=request.user)
        messages.success(request, _("Fund saved."))
        return redirect("ledger_admin:fund_detail", pk=fund.pk)


class FundDetailView(AdminMixin, TemplateView):
    template_name = "ledger/admin/fund_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.fund = get_object_or_404(Fund, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.fund.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search = self.request.GET.get("q", "").strip().upper()[:16]
        found = self.fund.vouchers.select_related("account").order_by("-created_at")
        if search:
            found = found.filter(Q(code__icontains=search) | Q(minor_fiscal_code=search)
                                 | Q(holder_fiscal_code=search))
        context.update(
            fund=self.fund,
            figures=fund_figures(self.fund),
            applications=self.fund.applications.filter(
                status=VoucherApplication.Status.SUBMITTED).select_related("user")[:200],
            vouchers=found[:200],
            search=search,
            topup_form=kwargs.get("topup_form") or TopUpForm(),
            import_form=kwargs.get("import_form") or ImportForm(),
            report=kwargs.get("report"),
        )
        return context

    def post(self, request, pk):
        action = request.POST.get("action")
        if action in ("approve", "refuse"):
            return self.decide(request, action)
        if action == "top-up":
            form = TopUpForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(topup_form=form),
                                               status=400)
            key = request.POST.get("form_key", "")[:64] or timezone.now().isoformat()
            vouchers.top_up(self.fund, rules.to_cents(form.cleaned_data["amount"]), key,
                            actor=request.user)
            messages.success(request, _("Budget raised."))
            return redirect("ledger_admin:fund_detail", pk=pk)
        if action == "import":
            form = ImportForm(request.POST, request.FILES)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(import_form=form),
                                               status=400)
            report = self.import_rows(form.cleaned_data["file"])
            return self.render_to_response(self.get_context_data(report=report))
        raise PermissionDenied

    def decide(self, request, action):
        application = get_object_or_404(self.fund.applications, pk=request.POST.get("application"))
        if application.status != VoucherApplication.Status.SUBMITTED:
            messages.info(request, _("This application was already decided."))
        elif action == "refuse":
            VoucherApplication.objects.filter(
                pk=application.pk, status=VoucherApplication.Status.SUBMITTED
            ).update(status=VoucherApplication.Status.REFUSED, decided_by=request.user,
                     decided_at=timezone.now(),
                     reason=request.POST.get("reason", "")[:300])
            messages.success(request, _("Application refused."))
        else:
            try:
                vouchers.grant(
                    self.fund, application.holder_fiscal_code, application.minor_fiscal_code,
                    application.amount, user=application.user,
                    minor_name=application.minor_name, actor=request.user,
                    application=application)
            except posting.LedgerError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Voucher granted."))
        return redirect("ledger_admin:fund_detail", pk=self.fund.pk)

    def import_rows(self, rows):
        """Grant a voucher per row; a report row per refusal, with the reason."""
        report = {"granted": 0, "refused": []}
        for number, row in enumerate(rows, start=1):
            if not any(cell.strip() for cell in row):
                continue
            if number == 1 and not any(ch.isdigit() for ch in row[0]):
                continue  # a header row
            try:
                holder, minor, cents = parse_grant_row(row)
                # The holder links it to their account with its code (``views.link``).
                vouchers.grant(self.fund, holder, minor, cents, actor=self.request.user)
            except (ValueError, posting.LedgerError) as error:
                report["refused"].append({"row": number, "cells": ";".join(row)[:120],
                                          "reason": str(error)})
            else:
                report["granted"] += 1
        return report


class VoucherDetailView(AdminMixin, TemplateView):
    """One voucher with every transaction: cancel, restore, reverse a transaction."""

    template_name = "ledger/admin/voucher_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.voucher = get_object_or_404(
            Voucher.objects.select_related("fund", "account", "user"), pk=kwargs["pk"])
        if request.method == "GET" and may_manage(request.user):
            record_access(request, self.voucher.user, DataAccess.Action.VIEW_VOUCHER,
                          self.voucher, purpose="comune")
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Voucher %(code)s") % {"code": self.voucher.code}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        held = Tender.objects.filter(account=self.voucher.account).aggregate(
            held=Sum(F("amount") - F("captured") - F("released")))["held"] or 0
        context.update(voucher=self.voucher, transactions=transactions_of(self.voucher),
                       balance=rules.to_eur(self.voucher.account.balance),
                       held=rules.to_eur(held),
                       reversed_ids=set(Transfer.objects.filter(
                           kind=Transfer.Kind.REVERSE, parent__isnull=False,
                       ).values_list("parent_id", flat=True)))
        return context

    def post(self, request, pk):
        action = request.POST.get("action")
        if action in ("cancel", "restore"):
            if vouchers.set_cancelled(self.voucher, action == "cancel"):
                messages.success(request, _(
                    "Voucher cancelled: it can no longer pay for new orders. Orders already "
                    "placed with it are paid if delivered; what they give back stays on the "
                    "voucher, and its balance returns to the fund when it expires."
                ) if action == "cancel" else _("Voucher restored."))
        elif action == "reverse":
            transfer = get_object_or_404(
                # Movements of an order line move its tenders' counters too: they are
                # undone by releasing or refunding the line, not by a bare reversal.
                Transfer.objects.filter(Q(source=self.voucher.account)
                                        | Q(destination=self.voucher.account),
                                        line__isnull=True),
                pk=request.POST.get("transfer"),
            )
            try:
                posting.reverse(transfer, f"reverse:{transfer.pk}", actor=request.user,
                                memo=request.POST.get("reason", "")[:200])
            except posting.LedgerError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Transaction reversed."))
        return redirect("ledger_admin:voucher_detail", pk=pk)


def transactions_of(voucher):
    """The voucher's entries, newest first, each with its transfer and the running balance."""
    entries = list(voucher.account.entries.select_related("transfer__line__order")
                   .order_by("transfer__pk"))
    running = 0
    for entry in entries:
        running += entry.amount
        entry.balance_after = rules.to_eur(running)
        entry.amount_eur = rules.to_eur(abs(entry.amount))  # shown with its sign: "+" / "−"
        entry.outgoing = entry.amount < 0
    return list(reversed(entries))


def export_vouchers(request, pk):
    if not may_manage(request.user):
        raise PermissionDenied
    fund = get_object_or_404(Fund, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vouchers-{fund.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Code"), _("Status"), _("Holder's fiscal code"), _("Minor's name"),
                     _("Minor's fiscal code"), _("Granted (EUR)"), _("Balance (EUR)"),
                     _("Valid until"), _("Granted on")])
    for voucher in fund.vouchers.select_related("account").order_by("pk"):
        writer.writerow([voucher.code, voucher.get_status_display(), voucher.holder_fiscal_code,
                         voucher.minor_name, voucher.minor_fiscal_code,
                         rules.to_eur(voucher.amount), rules.to_eur(voucher.account.balance),
                         voucher.account.valid_until, voucher.created_at.date()])
    return response


def settlement_rows(fund, start, end, partners=None):
    """Per provider, for ``start``..``end`` (dates, inclusive): what vouchers paid at delivery
    (captures), what was refunded, and the net the Comune owes."""
    partner_type = ContentType.objects.get_for_model(Partner)
    payables = Account.objects.filter(fund=fund, kind=Account.Kind.PAYABLE,
                                      holder_type=partner_type)
    if partners is not None:
        payables = payables.filter(holder_id__in=[p.pk for p in partners])
    rows = []
    names = dict(Partner.objects.filter(
        pk__in=payables.values("holder_id")).values_list("pk", "name"))
    for payable in payables:
        entries = payable.entries.filter(transfer__created_at__date__gte=start,
                                         transfer__created_at__date__lte=end)
        paid = entries.filter(transfer__kind=Transfer.Kind.CAPTURE).aggregate(
            s=Sum("amount"))["s"] or 0
        refunded = -(entries.filter(transfer__kind=Transfer.Kind.REFUND).aggregate(
            s=Sum("amount"))["s"] or 0)
        lines = entries.filter(transfer__kind=Transfer.Kind.CAPTURE).values(
            "transfer__line").distinct().count()
        if paid or refunded:
            rows.append({"partner_id": payable.holder_id,
                         "provider": names.get(payable.holder_id, ""), "lines": lines,
                         "paid": rules.to_eur(paid),
                         "refunded": rules.to_eur(refunded), "net": rules.to_eur(paid - refunded)})
    return sorted(rows, key=lambda row: row["provider"])


def period_from(request):
    today = timezone.localdate()
    start = parse_date(request.GET.get("from", "") or "") or today.replace(day=1)
    end = parse_date(request.GET.get("to", "") or "") or today
    if end < start:
        start, end = end, start
    return start, end


def settlement(request, pk, partners=None, template="ledger/admin/settlement.html"):
    """The settlement statement of a fund for a period: HTML, ``?format=csv`` or ``pdf``."""
    fund = get_object_or_404(Fund, pk=pk)
    start, end = period_from(request)
    rows = settlement_rows(fund, start, end, partners)
    total = sum((row["net"] for row in rows), start=rules.to_eur(0))
    fmt = request.GET.get("format")
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="settlement-{fund.pk}-{start}-{end}.csv"')
        writer = csv.writer(response)
        writer.writerow([_("Provider"), _("Lines"), _("Paid by vouchers (EUR)"),
                         _("Refunded (EUR)"), _("Owed by the Comune (EUR)")])
        for row in rows:
            writer.writerow([row["provider"], row["lines"], row["paid"], row["refunded"],
                             row["net"]])
        writer.writerow([_("Total"), "", "", "", total])
        return response
    context = {"fund": fund, "rows": rows, "total": total, "start": start, "end": end}
    if fmt == "pdf":
        from weasyprint import HTML

        html = render_to_string("ledger/settlement_pdf.html", context, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
            pdf_variant="pdf/ua-1")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="settlement-{fund.pk}-{start}-{end}.pdf"')
        return response
    return None, context


class SettlementView(AdminMixin, TemplateView):
    template_name = "ledger/admin/settlement.html"

    def dispatch(self, request, *args, **kwargs):
        self.fund = get_object_or_404(Fund, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Settlement with providers")

    def get(self, request, *args, **kwargs):
        result = settlement(request, self.fund.pk)
        if isinstance(result, HttpResponse):
            return result
        context = self.get_context_data(**kwargs)
        context.update(result[1])
        return self.render_to_response(context)


class ProviderSettlementView(WagtailAdminTemplateMixin, TemplateView):
    """A provider's own settlement statements: what each fund owes it for a period."""

    template_name = "ledger/admin/provider_settlement.html"
    header_icon = "tag"
    page_title = gettext_lazy("Voucher settlements")

    def dispatch(self, request, *args, **kwargs):
        from marketplace.fulfilment import access

        self.partners = list(access.partners_of(request.user))
        if not self.partners:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        partner_type = ContentType.objects.get_for_model(Partner)
        funds = list(Fund.objects.filter(
            accounts__kind=Account.Kind.PAYABLE, accounts__holder_type=partner_type,
            accounts__holder_id__in=[p.pk for p in self.partners]).distinct())
        context = self.get_context_data(**kwargs)
        context["funds"] = funds
        fund_id = request.GET.get("fund", "")
        fund = next((f for f in funds if str(f.pk) == fund_id), funds[0] if funds else None)
        if fund is not None:
            result = settlement(request, fund.pk, partners=self.partners)
            if isinstance(result, HttpResponse):
                return result
            context.update(result[1])
        return self.render_to_response(context)


class RefundView(AdminMixin, TemplateView):
    """Refund all or part of a delivered line paid (in part) by a voucher: the Comune's
    operator records it (docs/decisions/0027, amendment); the refund goes back pro rata to
    the sources that paid the line and lowers what the fund owes the provider."""

    template_name = "ledger/admin/refund.html"

    def dispatch(self, request, *args, **kwargs):
        self.line = get_object_or_404(
            Line.objects.filter(tenders__account__isnull=False).distinct()
            .select_related("order", "partner"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Refund – order %(number)s") % {"number": self.line.order.number}

    def get_page_subtitle(self):
        return self.line.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("ledger_admin:fund_list"), "label": _("Voucher funds")},
            {"url": reverse("marketplace_fulfilment:line_detail", args=[self.line.pk]),
             "label": _("Order %(number)s") % {"number": self.line.order.number}},
            {"url": "", "label": _("Refund")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tenders = list(Tender.objects.filter(line=self.line).select_related("account__voucher"))
        left = sum(t.captured - t.refunded for t in tenders)
        for tender in tenders:
            tender.voucher = getattr(tender.account, "voucher", None) if tender.account else None
            tender.paid_eur = rules.to_eur(tender.captured)
            tender.held_eur = rules.to_eur(tender.amount - tender.captured - tender.released)
            tender.refunded_eur = rules.to_eur(tender.refunded)
        context.update(
            line=self.line, order=self.line.order, tenders=tenders,
            refundable=rules.to_eur(left), refunds=self.line.refunds.select_related("actor"),
            form=kwargs.get("form") or (RefundForm(
                initial={"form_key": uuid.uuid4().hex}, refundable_cents=left) if left else None),
        )
        return context

    def post(self, request, pk):
        form = RefundForm(request.POST, refundable_cents=vouchers.refundable(self.line))
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = vouchers.refund_line(
                    self.line, data["amount"], f"form:{self.line.pk}:{data['form_key']}",
                    actor=request.user, reason=data["reason"])
            except posting.LedgerError as error:
                form.add_error(None, str(error))
            else:
                if plan is None:
                    messages.info(request, _("This refund was already recorded."))
                else:
                    messages.success(request, _(
                        "%(amount)s EUR refunded, back to the sources that paid the line.")
                        % {"amount": format_amount(rules.to_eur(data["amount"]))})
                return redirect("ledger_admin:refund", pk=self.line.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)
