"""The order confirmation e-mail, sent by the task worker after the order is committed.

Idempotent (background work runs at least once): an order whose ORDER_PLACED communication
event exists already is not mailed again.
"""

from django.urls import reverse
from django.utils import translation
from django_tasks import task
from oscar.core.loading import get_class, get_model

from marketplace.emails import recipient_language, site_url
from marketplace.offers import service_titles

OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Order = get_model("order", "Order")
CommunicationEvent = get_model("order", "CommunicationEvent")
CommunicationEventType = get_model("communication", "CommunicationEventType")


def order_placed_context(order):
    """Oscar's order-placed e-mail context, built without a request (the worker has none).

    ``rows`` pair each line with the service's title in the order's language; the templates
    are WeMi's (theme/templates/oscar/communication/emails/commtype_order_placed_*).
    """
    lines = list(order.lines.select_related("product", "partner"))
    with translation.override(recipient_language(order)):
        path = reverse("customer:order", kwargs={"order_number": order.number})
        receipt_path = reverse(
            "marketplace_documents:order-receipt", kwargs={"number": order.number}
        )
        titles = service_titles([line.product for line in lines if line.product])
    return {
        "user": order.user,
        "order": order,
        "lines": lines,
        "rows": [(line, titles.get(line.product_id, line.title)) for line in lines],
        "status_path": path,
        "status_url": site_url(path),
        "receipt_url": site_url(receipt_path),
    }


@task()
def send_order_placed_email(order_id):
    """Mail the citizen the confirmation of order ``order_id``, in the order's language."""
    order = Order.objects.select_related("user").get(pk=order_id)
    code = OrderDispatcher.ORDER_PLACED_EVENT_CODE
    # Oscar records the CommunicationEvent (which makes a repeated task a no-op) only when
    # the event type exists; its empty templates fall back on the files (ours, in theme/).
    CommunicationEventType.objects.get_or_create(code=code, defaults={"name": "Order placed"})
    if CommunicationEvent.objects.filter(order=order, event_type__code=code).exists():
        return
    with translation.override(recipient_language(order)):
        OrderDispatcher().send_order_placed_email_for_user(order, order_placed_context(order))
