"""The order confirmation e-mail, sent by the task worker after the order is committed.

Idempotent (background work runs at least once): an order whose ORDER_PLACED communication
event exists already is not mailed again.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from oscar.core.loading import get_class, get_model

OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Order = get_model("order", "Order")
CommunicationEvent = get_model("order", "CommunicationEvent")


def order_placed_context(order):
    """Oscar's order-placed e-mail context, built without a request (the worker has none)."""
    with translation.override(order.language or settings.LANGUAGE_CODE):
        path = reverse("customer:order", kwargs={"order_number": order.number})
    return {
        "user": order.user,
        "order": order,
        "lines": order.lines.all(),
        "status_path": path,
        "status_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
    }


@task()
def send_order_placed_email(order_id):
    """Mail the citizen the confirmation of order ``order_id``, in the order's language."""
    order = Order.objects.select_related("user").get(pk=order_id)
    code = OrderDispatcher.ORDER_PLACED_EVENT_CODE
    if CommunicationEvent.objects.filter(order=order, event_type__code=code).exists():
        return
    with translation.override(order.language or settings.LANGUAGE_CODE):
        OrderDispatcher().send_order_placed_email_for_user(order, order_placed_context(order))
