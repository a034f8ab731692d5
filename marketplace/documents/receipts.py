"""Order receipts as PDF (WeasyPrint), in the language the order was placed in."""

import threading

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from marketplace import line_options
from marketplace.checkout import payment_methods
from marketplace.fulfilment import payments, statuses
from marketplace.offers import service_titles

_fonts = threading.local()


def font_configuration():
    """One font configuration per thread, reused between renders: building it (fontconfig
    lookups for Noto Sans, Naskh Arabic, CJK) costs about as much as laying out a page."""
    if not hasattr(_fonts, "configuration"):
        _fonts.configuration = FontConfiguration()
    return _fonts.configuration


def receipt_html(order):
    lines = list(
        order.lines.select_related("partner", "product", "fulfilment").prefetch_related(
            "attributes__option"
        )
    )
    with translation.override(order.language):
        titles = service_titles([line.product for line in lines if line.product])
        rows = [
            {
                "line": line,
                "title": titles.get(line.product_id, line.title),
                "options": line_options.describe(line.attributes.all()),
                "status_label": statuses.line_status_label(line.status),
                "payment_state": payments.payment_state(line),
                "payment_label": payments.payment_label(payments.payment_state(line)),
                "payment_received_at": payments.payment_received_at(line),
            }
            for line in lines
        ]
        return render_to_string(
            "marketplace_documents/receipt.html",
            {
                "order": order,
                "rows": rows,
                "comune_total": sum(
                    (line.comune_contribution for line in lines if not line.is_void), start=0
                ),
                "status_label": statuses.order_status_label(order.status),
                "payment_methods": [
                    payment_methods.source_type_name(source.source_type)
                    for source in order.sources.select_related("source_type")
                ],
            },
        )


def render_receipt(order):
    """The receipt of ``order`` as PDF bytes."""
    return HTML(string=receipt_html(order)).write_pdf(font_config=font_configuration())
