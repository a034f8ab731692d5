"""E-mails to the citizen when a provider or the citizen moves an order line on.

Sent after commit (the workflow calls ``send_line_status_email`` from
``transaction.on_commit``), in the language the order was placed in, through Oscar's
dispatcher so that the e-mail is also kept in the citizen's account history.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from . import statuses

Dispatcher = get_class("communication.utils", "Dispatcher")
Line = get_model("order", "Line")


def line_status_messages(line):
    """Subject and body of the e-mail telling the citizen the line's new status."""
    order = line.order
    with translation.override(order.language or settings.LANGUAGE_CODE):
        context = {
            "line": line,
            "order": order,
            "fulfilment": getattr(line, "fulfilment", None),
            "status_label": statuses.line_status_label(line.status),
            "order_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("customer:order", kwargs={"order_number": order.number}),
        }
        template = f"marketplace_fulfilment/emails/line_{line.status}"
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return {"subject": " ".join(subject.split()), "body": body, "html": "", "sms": ""}


def send_line_status_email(line_id):
    line = Line.objects.select_related("order__user", "fulfilment").get(pk=line_id)
    Dispatcher().dispatch_user_messages(line.order.user, line_status_messages(line))
