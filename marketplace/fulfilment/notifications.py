"""E-mails to the citizen when a provider or the citizen moves an order line on.

Sent after commit (the workflow enqueues the ``send_line_status_email`` task from
``transaction.on_commit``: immediate in the demo, a worker in production), in the language the
order was placed in, through Oscar's dispatcher so that the e-mail (text and HTML) is also
kept in the citizen's account history. ``status`` is a line status or ``"paid"`` (the
provider recorded the payment, ``workflow.record_payment``).
"""

from django.urls import reverse
from django.utils import translation
from django_tasks import task
from oscar.core.loading import get_class, get_model

from marketplace.emails import recipient_language, render_messages, site_url

from . import statuses

Dispatcher = get_class("communication.utils", "Dispatcher")
Line = get_model("order", "Line")


def line_status_messages(line, status):
    """Subject and body of the e-mail telling the citizen the line's new status."""
    order = line.order
    language = recipient_language(order)
    with translation.override(language):
        order_url = site_url(reverse("customer:order", kwargs={"order_number": order.number}))
    context = {
        "line": line,
        "order": order,
        "fulfilment": getattr(line, "fulfilment", None),
        "status_label": statuses.line_status_label(status),
        "order_url": order_url,
    }
    return render_messages(f"marketplace_fulfilment/emails/line_{status}", context, language)


@task()
def send_line_status_email(line_id, status):
    """Tell the citizen the line moved to ``status`` (given: it may have moved on since)."""
    line = Line.objects.select_related("order__user", "fulfilment").get(pk=line_id)
    Dispatcher().dispatch_user_messages(line.order.user, line_status_messages(line, status))
