"""The citizen's side of fulfilment: cancelling a line the provider has not accepted yet.

Cancelling is confirmed: the order page links to a page that says what will happen, and
only its form (``confirm``) cancels. A POST without ``confirm`` shows that page again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from oscar.core.loading import get_model

from . import statuses, workflow

Line = get_model("order", "Line")


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def cancel_line(request, order_number, line_id):
    line = get_object_or_404(
        Line.objects.select_related("order", "partner"),
        pk=line_id,
        order__number=order_number,
        order__user=request.user,
    )
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        if statuses.CANCELLED not in line.available_statuses():
            messages.error(request, str(workflow.InvalidTransition(line, statuses.CANCELLED)))
            return redirect("customer:order", order_number=order_number)
        return render(
            request,
            "marketplace/cancel_line.html",
            {
                "line": line,
                "order": line.order,
                "is_last": line.order.lines.exclude(pk=line.pk)
                .exclude(status__in=statuses.VOID_LINE_STATUSES)
                .count()
                == 0,
            },
        )
    try:
        workflow.cancel(line, request.user)
    except workflow.InvalidTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(title)s” has been cancelled.") % {"title": line.title})
    return redirect("customer:order", order_number=order_number)
