"""The citizen's data rights in the account: see what WeMi holds, download it, delete the
account (docs/decisions/0022-data-retention-and-rights.md)."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import erasure, export, registry, rules
from .forms import DeleteAccountForm

ERASED_SESSION_KEY = "wemi_privacy_erased"


def _privacy_url(request):
    from content.feedback.templatetags.feedback_tags import footer_settings_links

    return footer_settings_links({"request": request}).get("privacy")


@never_cache
@require_GET
@login_required
def overview(request):
    sections = registry.collect(request.user)
    return render(
        request,
        "marketplace_rights/overview.html",
        {
            "sections": [(s.title, len(s.records)) for s in sections],
            "privacy_url": _privacy_url(request),
            "retention_years": rules.ORDER_RETENTION_YEARS,
        },
    )


def _attachment(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@require_GET
@login_required
def download_json(request):
    stamp = timezone.localdate().isoformat()
    return _attachment(
        export.as_json(request.user), "application/json; charset=utf-8",
        f"wemi-my-data-{stamp}.json",
    )


@never_cache
@require_GET
@login_required
def download_pdf(request):
    stamp = timezone.localdate().isoformat()
    return _attachment(
        export.as_pdf(request.user), "application/pdf", f"wemi-my-data-{stamp}.pdf"
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request):
    user = request.user
    staff = erasure.is_staff_account(user)
    plan = erasure.deletion_plan(user)
    form = DeleteAccountForm(user, request.POST or None, request=request)
    refusal = None
    if request.method == "POST" and not staff and plan.allowed and form.is_valid():
        try:
            erased = erasure.delete_account(user)
        except erasure.DeletionRefused as refused:
            refusal = refused
            plan = erasure.deletion_plan(user)
        else:
            logout(request)
            request.session[ERASED_SESSION_KEY] = {
                "cancelled": erased.cancelled_lines,
                "orders": erased.orders_kept,
            }
            response = redirect("marketplace_rights:deleted")
            for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
                response.delete_cookie(cookie)
            return response
    return render(
        request,
        "marketplace_rights/delete.html",
        {
            "form": form,
            "plan": plan,
            "staff": staff,
            "refusal": refusal,
            "retention_years": rules.ORDER_RETENTION_YEARS,
            "privacy_url": _privacy_url(request),
        },
    )


@never_cache
@require_GET
def deleted(request):
    """The confirmation, after logout. Without a deletion in this session: the home page."""
    result = request.session.get(ERASED_SESSION_KEY)
    if result is None:
        return redirect(settings.OSCAR_HOMEPAGE)
    return render(
        request,
        "marketplace_rights/deleted.html",
        {"result": result, "retention_years": rules.ORDER_RETENTION_YEARS},
    )
