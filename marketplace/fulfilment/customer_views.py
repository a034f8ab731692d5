"""The citizen's side of fulfilment: cancelling a line the provider has not accepted yet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from . import workflow

Line = get_model("order", "Line")


@require_POST
@login_required
def cancel_line(request, order_number, line_id):
    line = get_object_or_404(Line, pk=line_id, order__number=order_number, order__user=request.user)
    try:
        workflow.cancel(line, request.user)
    except workflow.InvalidTransition as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("“%(title)s” has been cancelled.") % {"title": line.title})
    return redirect("customer:order", order_number=order_number)
