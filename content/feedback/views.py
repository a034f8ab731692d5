"""Public endpoints of the feedback widgets: they work as plain forms and answer JSON to fetch()."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from .forms import PageRatingForm, ProblemReportForm
from .ratelimit import claim_submission, release_submission, take_submission


def csrf_protect_logged_in(view):
    """CSRF protection for logged-in visitors only.

    The widgets sit on every public page, which the caching proxy serves to anonymous visitors
    from one shared copy: a CSRF token in it would be one visitor's cookie in everyone's page
    (and a Set-Cookie keeps the page out of the cache). An anonymous rating or report carries
    no one's identity (what a forged one could do, anyone can do directly; submissions are
    rate-limited per session), so it needs no token; a logged-in visitor's form has one and
    it is checked as Django's CsrfViewMiddleware checks it.
    """

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            rejection = CsrfViewMiddleware(lambda request: None).process_view(
                request, None, (), {}
            )
            if rejection is not None:
                return rejection
        return view(request, *args, **kwargs)

    return wrapped


def _public_page(page_id):
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page.specific


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def _errors_as_json(form):
    return {
        "errors": {
            field: [str(message) for message in messages_]
            for field, messages_ in form.errors.items()
        }
    }


def _rate_limited_response(request, form, template, context):
    message = _("You have sent too many messages. Please try again in an hour.")
    if _wants_json(request):
        return JsonResponse({"errors": {"__all__": [message]}}, status=429)
    form.add_error(None, message)
    return render(request, template, {**context, "form": form}, status=429)


def _submit(request, form, template, context, success_message, success_url, **instance_fields):
    """Validate, rate-limit and save a feedback form; answer HTML or JSON.

    The same submission sent again within minutes is answered as a success and stored
    once (``ratelimit.claim_submission``).
    """
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse(_errors_as_json(form), status=400)
        return render(request, template, {**context, "form": form}, status=400)
    kind = type(form).__name__
    content = {
        **form.cleaned_data,
        **{name: getattr(value, "pk", value) for name, value in instance_fields.items()},
    }
    if claim_submission(request, kind, content):
        if not take_submission(request):
            release_submission(request, kind, content)
            return _rate_limited_response(request, form, template, context)
        instance = form.save(commit=False)
        for name, value in instance_fields.items():
            setattr(instance, name, value)
        instance.language = get_language() or ""
        try:
            instance.save()
        except BaseException:
            release_submission(request, kind, content)
            raise
    if _wants_json(request):
        return JsonResponse({"message": success_message}, status=201)
    messages.success(request, success_message)
    return redirect(success_url)


@csrf_protect_logged_in
@require_http_methods(["GET", "POST"])
def rate_page(request, page_id):
    """"How clear is this page?" for one page, also as a page of its own (no JavaScript)."""
    page = _public_page(page_id)
    template = "content_feedback/rate_page.html"
    context = {"rated_page": page}
    if request.method == "GET":
        return render(request, template, {**context, "form": PageRatingForm()})
    return _submit(
        request,
        PageRatingForm(request.POST),
        template,
        context,
        _("Thank you for your feedback: it helps us improve the page."),
        page.get_url(request) + "#feedback",
        page=page,
    )


@csrf_protect_logged_in
@require_http_methods(["GET", "POST"])
def report_problem(request, page_id=None):
    """Report a problem with a listing (``page_id``) or with a service in general."""
    page = _public_page(page_id) if page_id is not None else None
    template = "content_feedback/report_problem.html"
    context = {"reported_page": page}
    if request.method == "GET":
        return render(request, template, {**context, "form": ProblemReportForm()})
    return _submit(
        request,
        ProblemReportForm(request.POST),
        template,
        context,
        _("Thank you: we received your report and the staff will check it."),
        page.get_url(request) if page else request.path,
        page=page,
    )
