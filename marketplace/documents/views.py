from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from oscar.core.loading import get_model

from .receipts import render_receipt

Order = get_model("order", "Order")


@never_cache
def order_receipt(request, number):
    """The PDF receipt of an order, for the citizen who placed it and for staff.

    Anyone else gets a 404, so that order numbers cannot be probed.
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    order = Order.objects.filter(number=number).select_related("user").first()
    if order is None or not (order.user_id == user.pk or user.is_staff):
        raise Http404
    response = HttpResponse(render_receipt(order), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="wemi-{order.number}.pdf"'
    return response
