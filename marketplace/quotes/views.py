"""The citizen's side: write a request, follow and compare the answers, accept one, pay it,
talk with each provider. Everything is the citizen's own: other ids are 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.taxonomy.models import Need, localized
from marketplace.views import service_page_for

from . import access, matching, pricing, rules, statuses, thread, workflow
from .forms import MessageForm, ReportForm, RequestForm
from .models import Quote, QuoteMessage

CITIZEN = QuoteMessage.Side.CITIZEN


def _own_request(user, uuid):
    return get_object_or_404(access.requests_of(user), uuid=uuid)


def _own_quote(user, quote_uuid):
    return get_object_or_404(
        Quote.objects.select_related("request", "partner").filter(request__citizen=user),
        uuid=quote_uuid,
    )


def _initial_from_query(request):
    """Need and service from ``?service=<key>`` (a service page) or ``?need=<slug>``."""
    initial = {}
    service_key = request.GET.get("service", "")
    page = None
    if service_key:
        try:
            page = service_page_for(service_key)
        except Exception:  # a malformed key is no service
            page = None
    if page is not None:
        source = page.specific.facts_source
        need = source.needs.order_by("pk").first()
        if need is not None:
            initial["need"] = need.pk
        initial["service_key"] = page.translation_key
    slug = request.GET.get("need", "")
    if slug and "need" not in initial:
        need = Need.objects.in_default_locale().filter(slug=slug[:120]).first()
        if need is not None:
            initial["need"] = need.pk
    return initial, page


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def new_request(request):
    initial, service_page = _initial_from_query(request)
    service_key = initial.pop("service_key", None)
    form = RequestForm(request.POST or None, initial=initial)
    step = "details"
    status = 200
    if request.method == "POST":
        token = request.POST.get("token", "")
        existing = access.requests_of(request.user).filter(uuid=token).first() if \
            _is_uuid(token) else None
        if existing is not None:  # a second submit of the same form
            return redirect("quotes:request-detail", uuid=existing.uuid)
        if form.is_valid():
            form.set_candidates(matching.candidate_services(
                form.cleaned_data["need"], form.cleaned_data["zone"], service_key
            ))
            step = "providers"
            if request.POST.get("action") == "send":
                chosen = form.check_providers()
                if chosen:
                    data = form.cleaned_data
                    try:
                        created = workflow.send_request(
                            request.user,
                            [matching.offer_of(service, provider) for service, provider in chosen],
                            uuid=data["token"],
                            need=data["need"],
                            service_key=service_key,
                            description=data["description"],
                            for_whom=data["for_whom"],
                            people=data["people"],
                            period_start=data["period_start"],
                            period_end=data["period_end"],
                            days_times=data["days_times"],
                            zone=data["zone"],
                            address=data["address"],
                            respond_by=data["respond_by"],
                            language=get_language() or "it",
                        )
                    except IntegrityError:  # the same token, sent twice at once
                        created = get_object_or_404(access.requests_of(request.user),
                                                    uuid=data["token"])
                    except rules.QuoteRuleError as error:
                        form.add_error("providers", str(error))
                    else:
                        messages.success(request, _("Your request has been sent."))
                        return redirect("quotes:request-detail", uuid=created.uuid)
                status = 400
        else:
            status = 400
    return render(
        request,
        "marketplace_quotes/request_form.html",
        {"form": form, "step": step, "service_page": service_page,
         "candidate_rows": _candidate_rows(form, service_key) if step == "providers" else [],
         "max_providers": rules.MAX_PROVIDERS},
        status=status,
    )


def _candidate_rows(form, service_key):
    """The providers to tick, with their service's title in the reader's language."""
    chosen = set(form.cleaned_data.get("providers") or [])
    rows = []
    for service, provider in form.candidates:
        shown = service_page_for(service.translation_key) or service
        rows.append({
            "pk": provider.pk,
            "provider": provider.title,
            "service": shown.title,
            "accredited": service.accredited,
            "checked": provider.pk in chosen
            or (not chosen and service_key is not None and service.translation_key == service_key),
        })
    return rows


def _is_uuid(value):
    return pricing._valid_uuid(value) is not None


def _describe(quote_request):
    need, zone = localized([quote_request.need])[0], localized([quote_request.zone])[0]
    return need.name, zone.name


@never_cache
@login_required
@require_GET
def request_list(request):
    requests = list(access.requests_of(request.user).select_related("need", "zone"))
    quotes = list(Quote.objects.filter(request__in=requests))
    unread = thread.unread_counts(quotes, CITIZEN)
    for item in requests:
        item.need_name, item.zone_name = _describe(item)
        own = [quote for quote in quotes if quote.request_id == item.pk]
        item.answers = sum(quote.status != statuses.AWAITING for quote in own)
        item.asked = len(own)
        item.unread = sum(unread[quote.pk] for quote in own)
    return render(request, "marketplace_quotes/request_list.html", {"requests": requests})


@never_cache
@login_required
@require_GET
def request_detail(request, uuid):
    quote_request = _own_request(request.user, uuid)
    quotes = list(quote_request.quotes.select_related("partner", "order_line__order"))
    unread = thread.unread_counts(quotes, CITIZEN)
    today = workflow.today()
    for quote in quotes:
        quote.unread = unread[quote.pk]
        quote.can_accept = rules.can_accept(quote.status, quote_request.status,
                                            quote.valid_until, today)
        quote.can_pay = rules.is_payable(quote.status, quote.valid_until, today)
    quote_request.need_name, quote_request.zone_name = _describe(quote_request)
    return render(request, "marketplace_quotes/request_detail.html", {
        "quote_request": quote_request,
        "quotes": quotes,
        "quoted": [quote for quote in quotes if quote.amount is not None],
        "can_cancel": quote_request.status == statuses.SENT,
    })


@never_cache
@login_required
@require_POST
def accept(request, quote_uuid):
    quote = _own_quote(request.user, quote_uuid)
    try:
        workflow.accept(quote, request.user)
    except rules.QuoteRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You have accepted the quote of %(provider)s. You can pay "
                                    "it now.") % {"provider": quote.partner.name})
    return redirect("quotes:request-detail", uuid=quote.request.uuid)


@never_cache
@login_required
@require_POST
def cancel(request, uuid):
    quote_request = _own_request(request.user, uuid)
    try:
        workflow.cancel_request(quote_request, request.user)
    except rules.QuoteRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your request has been cancelled."))
    return redirect("quotes:request-detail", uuid=quote_request.uuid)


@never_cache
@login_required
@require_POST
def pay(request, quote_uuid):
    """Put the accepted quote in the basket (once) and go to the basket."""
    quote = _own_quote(request.user, quote_uuid)
    if not rules.is_payable(quote.status, quote.valid_until, workflow.today()):
        messages.error(request, str(workflow.QuoteNotPayable()))
        return redirect("quotes:request-detail", uuid=quote.request.uuid)
    title = _quote_title(quote)
    stockrecord = pricing.offer_for(quote, title)
    option = pricing.quote_option()
    basket = request.basket
    already = basket.all_lines() and any(
        attr.option_id == option.pk and attr.value == str(quote.uuid)
        for line in basket.all_lines() for attr in line.attributes.all()
    )
    if not already:
        basket.add_product(stockrecord.product, 1, [
            {"option": option, "value": str(quote.uuid)}, *_booking_options(quote)
        ])
    return redirect("basket:summary")


def _booking_options(quote):
    """The booking choices every basket line carries (``marketplace.booking``), from the
    request: start (the proposed one, at the earliest tomorrow), one-off, address, zone."""
    import datetime

    from oscar.core.loading import get_model

    from marketplace import line_options

    Option = get_model("catalogue", "Option")
    request = quote.request
    tomorrow = workflow.today() + datetime.timedelta(days=1)
    start = max(quote.proposed_start or request.period_start, tomorrow)
    values = {
        line_options.START_DATE: start.isoformat(),
        line_options.FREQUENCY: line_options.Frequency.ONCE,
        line_options.SERVICE_STREET: request.address,
        line_options.SERVICE_ZONE: request.zone.name,
    }
    options = {option.code: option for option in Option.objects.filter(code__in=values)}
    return [{"option": options[code], "value": str(value)} for code, value in values.items()
            if code in options]


def _quote_title(quote):
    """The service's Italian title: the quoted product's title (baskets and orders show
    it translated through ``service_titles``)."""
    from content.services.models import ServicePage

    key = quote.service_key or quote.request.service_key
    page = ServicePage.objects.filter(
        translation_key=key, locale__language_code="it"
    ).first() if key else None
    return page.title if page is not None else "Servizio su preventivo"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, quote_uuid):
    quote = _own_quote(request.user, quote_uuid)
    form = MessageForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                workflow.post_message(quote, request.user, CITIZEN, form.cleaned_data["body"],
                                      form.cleaned_data["attachment"])
            except rules.QuoteRuleError as error:
                form.add_error(None, str(error))
            else:
                return redirect("quotes:conversation", quote_uuid=quote.uuid)
        status = 400
    rows = thread.message_rows(quote, CITIZEN)
    workflow.mark_read(quote, CITIZEN)
    return render(request, "marketplace_quotes/conversation.html", {
        "quote": quote,
        "quote_request": quote.request,
        "rows": rows,
        "last_id": rows[-1]["id"] if rows else 0,
        "form": form,
        "report_form": ReportForm(),
        "poll_interval": thread.POLL_INTERVAL_MS,
        "json_url": reverse("quotes:conversation-json", kwargs={"quote_uuid": quote.uuid}),
        "open": quote.status in statuses.OPEN + (statuses.ORDERED,),
    }, status=status)


@never_cache
@login_required
@require_GET
def conversation_messages(request, quote_uuid):
    quote = _own_quote(request.user, quote_uuid)
    return thread.messages_json(request, quote, CITIZEN)


@never_cache
@login_required
@require_POST
def report(request, quote_uuid):
    quote = _own_quote(request.user, quote_uuid)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Tell the Comune what is wrong."))
    workflow.report(quote, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Thank you: the Comune will look at this conversation."))
    return redirect("quotes:conversation", quote_uuid=quote.uuid)


def serve_attachment(quote, message_id):
    message = get_object_or_404(QuoteMessage, pk=message_id, quote=quote)
    if not message.attachment:
        raise Http404
    kind = rules.sniff_attachment(message.attachment.open("rb").read(16))
    message.attachment.seek(0)
    content_type = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg",
                    "webp": "image/webp"}.get(kind)
    if content_type is None:
        raise Http404
    response = FileResponse(message.attachment, content_type=content_type, as_attachment=True,
                            filename=message.attachment_name or "attachment")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@require_GET
def attachment(request, quote_uuid, message_id):
    return serve_attachment(_own_quote(request.user, quote_uuid), message_id)
