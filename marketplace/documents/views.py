from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from oscar.core.loading import get_model

from marketplace.privacy import rules
from marketplace.privacy.access import active_delegation, record_access
from marketplace.privacy.models import DataAccess

from .receipts import render_receipt

Order = get_model("order", "Order")


@never_cache
def order_receipt(request, number):
    """The PDF receipt of an order, for the citizen who placed it, for staff, and for an
    operator acting for the citizen (a delegation for ``orders``: the paper receipt printed
    at the desk). Staff and operators leave a row in the access log.

    Anyone else gets a 404, so that order numbers cannot be probed.
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    order = Order.objects.filter(number=number).select_related("user").first()
    if order is None:
        raise Http404
    citizen = getattr(request, "acting_for", None)
    if citizen is not None:
        delegation = active_delegation(user, citizen, rules.ORDERS)
        if delegation is None or order.user_id != citizen.pk:
            raise Http404
        record_access(request, citizen, DataAccess.Action.VIEW_RECEIPT, order, purpose=rules.ORDERS)
    elif order.user_id == user.pk:
        pass
    elif user.is_staff:
        record_access(request, order.user, DataAccess.Action.VIEW_RECEIPT, order, purpose="comune")
    else:
        raise Http404
    response = HttpResponse(render_receipt(order), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wemi-{order.number}.pdf"'
    return response
