"""Provider staff answer the requests sent to their organisation, inside /cms/; Comune
operators see the statistics and read reported threads.

URLs come through ``register_admin_urls`` (Wagtail admin access required). A quote outside
``access.quotes_for_provider(user)`` (or, for operators, ``access.reported_quotes``) is 404,
also for guessed ids.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content.taxonomy.models import Zone, localized
from marketplace.privacy.access import record_access
from marketplace.privacy.models import DataAccess

from . import access, rules, statuses, thread, workflow
from .forms import AnswerForm, DeclineForm, MessageForm, ReportForm
from .models import Quote, QuoteMessage, QuoteRequest
from .views import serve_attachment

PROVIDER = QuoteMessage.Side.PROVIDER


class QuoteListView(WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Quote requests")
    header_icon = "mail"
    template_name = "marketplace_quotes/admin/quote_list.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.uses_quotes_workspace(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quotes = list(
            access.quotes_for_provider(self.request.user)
            .select_related("request__need", "request__zone", "partner")
            .order_by("-request__created_at", "pk")[:200]
        )
        unread = thread.unread_counts(quotes, PROVIDER)
        for quote in quotes:
            quote.unread = unread[quote.pk]
            quote.need_name = localized([quote.request.need])[0].name
            quote.zone_name = localized([quote.request.zone])[0].name
        reported = list(access.reported_quotes(self.request.user).select_related("partner"))
        context.update(quotes=quotes, reported=reported,
                       is_operator=access.is_operator(self.request.user))
        return context


class QuoteDetailView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    template_name = "marketplace_quotes/admin/quote_detail.html"

    def dispatch(self, request, *args, **kwargs):
        own = access.quotes_for_provider(request.user).filter(pk=kwargs["pk"])
        self.is_party = own.exists()
        visible = own if self.is_party else access.reported_quotes(request.user).filter(
            pk=kwargs["pk"]
        )
        self.quote = get_object_or_404(
            visible.select_related("request__need", "request__zone", "partner"),
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Request for a quote")

    def get_page_subtitle(self):
        return localized([self.quote.request.need])[0].name

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("quotes_admin:list"), "label": _("Quote requests")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get(self, request, *args, **kwargs):
        # The access log: the citizen's request (need, messages, address once accepted).
        record_access(
            request,
            self.quote.request.citizen,
            DataAccess.Action.VIEW_QUOTE,
            self.quote,
            purpose="fulfilment" if self.is_party else "comune",
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quote = self.quote
        rows = thread.message_rows(quote, PROVIDER if self.is_party else "operator",
                                   provider_view=True)
        if self.is_party:
            workflow.mark_read(quote, PROVIDER)
        context.update(
            quote=quote,
            quote_request=quote.request,
            zone_name=localized([quote.request.zone])[0].name,
            show_address=access.address_visible_to_provider(quote),
            is_party=self.is_party,
            can_answer=self.is_party and statuses.can_move(quote.status, statuses.QUOTED),
            can_decline=self.is_party and statuses.can_move(quote.status, statuses.DECLINED),
            can_withdraw=self.is_party and statuses.can_move(quote.status, statuses.WITHDRAWN),
            answer_form=kwargs.get("answer_form") or AnswerForm(instance=quote),
            decline_form=kwargs.get("decline_form") or DeclineForm(),
            message_form=kwargs.get("message_form") or MessageForm(),
            report_form=ReportForm(),
            rows=rows,
            last_id=rows[-1]["id"] if rows else 0,
            poll_interval=thread.POLL_INTERVAL_MS,
            json_url=reverse("quotes_admin:messages-json", args=[quote.pk])
            if self.is_party else "",
            thread_open=self.is_party and quote.status in statuses.OPEN + (statuses.ORDERED,),
            history=quote.status_changes.select_related("changed_by"),
        )
        return context


class QuoteActionView(QuoteDetailView):
    """POST-only: answer, decline, withdraw, write a message or report the thread."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.quote = get_object_or_404(
            access.quotes_for_provider(request.user).select_related("request", "partner"),
            pk=kwargs["pk"],
        )
        self.is_party = True
        return super(QuoteDetailView, self).dispatch(request, *args, **kwargs)

    def invalid(self, name, form):
        messages.error(self.request, _("Not saved: check the form."))
        return self.render_to_response(self.get_context_data(**{name: form}), status=400)

    def post(self, request, pk, action):
        quote = self.quote
        try:
            if action == "answer":
                form = AnswerForm(request.POST, instance=Quote(pk=quote.pk))
                if not form.is_valid():
                    return self.invalid("answer_form", form)
                data = form.cleaned_data
                try:
                    workflow.answer(quote, request.user, unit=data["unit"],
                                    quantity=data["quantity"], unit_price=data["unit_price"],
                                    included=data["included"],
                                    proposed_start=data["proposed_start"],
                                    valid_until=data["valid_until"])
                except workflow.InvalidTransition:
                    raise
                except rules.QuoteRuleError as error:
                    form.add_error(None, str(error))
                    return self.invalid("answer_form", form)
                messages.success(request, _("Quote sent: the citizen has been informed."))
            elif action == "decline":
                form = DeclineForm(request.POST)
                if not form.is_valid():
                    return self.invalid("decline_form", form)
                workflow.decline(quote, request.user, form.cleaned_data["reason"])
                messages.success(request, _("Request declined: the citizen has been informed."))
            elif action == "withdraw":
                workflow.withdraw(quote, request.user)
                messages.success(request, _("Quote withdrawn."))
            elif action == "message":
                form = MessageForm(request.POST, request.FILES)
                if not form.is_valid():
                    return self.invalid("message_form", form)
                workflow.post_message(quote, request.user, PROVIDER, form.cleaned_data["body"],
                                      form.cleaned_data["attachment"])
                return redirect(reverse("quotes_admin:detail", args=[quote.pk]) + "#thread")
            elif action == "report":
                form = ReportForm(request.POST)
                if not form.is_valid():
                    return self.invalid("report_form", form)
                workflow.report(quote, request.user, form.cleaned_data["reason"])
                messages.success(request, _("Thank you: the Comune will look at this "
                                            "conversation."))
            else:
                raise Http404
        except rules.QuoteRuleError as error:
            messages.error(request, str(error))
        return redirect("quotes_admin:detail", pk=quote.pk)


def messages_json(request, pk):
    quote = get_object_or_404(access.quotes_for_provider(request.user), pk=pk)
    return thread.messages_json(request, quote, PROVIDER, provider_view=True)


def attachment(request, pk, message_id):
    own = access.quotes_for_provider(request.user).filter(pk=pk).first()
    quote = own or access.reported_quotes(request.user).filter(pk=pk).first()
    if quote is None:
        raise Http404
    response = serve_attachment(quote, message_id)
    record_access(
        request,
        quote.request.citizen,
        DataAccess.Action.VIEW_QUOTE,
        object_ref=(QuoteMessage._meta.label_lower, str(message_id)),
        purpose="fulfilment" if own else "comune",
    )
    return response


class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    """Requests, answer rate and time to the first answer, by need and by Municipio."""

    page_title = gettext_lazy("Quote statistics")
    header_icon = "doc-full"
    template_name = "marketplace_quotes/admin/statistics.html"

    def dispatch(self, request, *args, **kwargs):
        if not access.is_operator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("quotes_admin:list"), "label": _("Quote requests")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quotes = Quote.objects.select_related("request__need__parent", "request__zone__parent")
        by_need, by_municipio, everything = {}, {}, []
        zones = {zone.pk: zone for zone in Zone.objects.in_default_locale()}
        for quote in quotes:
            row = (quote.request.created_at, quote.answered_at)
            everything.append(row)
            by_need.setdefault(quote.request.need, []).append(row)
            zone = quote.request.zone
            municipio = zones.get(zone.parent_id) if zone.parent_id else zone
            by_municipio.setdefault(municipio, []).append(row)

        def table(groups):
            keys = list(groups)
            names = localized(keys)
            return sorted(
                ({"name": name.name, **rules.answer_stats(groups[key])}
                 for key, name in zip(keys, names, strict=True)),
                key=lambda row: row["name"],
            )

        requests = QuoteRequest.objects.aggregate(total=Count("pk"), first=Min("created_at"))
        context.update(
            requests_total=requests["total"],
            by_status=[
                (statuses.request_label(code), count)
                for code, count in QuoteRequest.objects.values_list("status")
                .annotate(count=Count("pk")).order_by("status")
            ],
            overall=rules.answer_stats(everything),
            by_need=table(by_need),
            by_municipio=table(by_municipio),
        )
        return context
