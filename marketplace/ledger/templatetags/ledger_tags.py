from django import template
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from marketplace.ledger import rules
from marketplace.ledger.models import Tender

register = template.Library()


@register.filter
def paid_how(line):
    """How an order line is paid, e.g. "Voucher WM-…: € 30.00 · Welfare credit WC-7: € 5.00 ·
    To be paid by the citizen to the provider: € 5.00"; '' when the line has no tenders (paid
    to the provider in full)."""
    parts = []
    for tender in Tender.objects.filter(line=line).select_related(
            "account__voucher", "account__credit__fund__organisation"):
        amount = currency(rules.to_eur(tender.amount), "EUR")
        if tender.method in (Tender.Method.VOUCHER, Tender.Method.CREDIT):
            # Codes isolated left to right (U+2066…U+2069): plain text, also in the CSV.
            if tender.method == Tender.Method.VOUCHER:
                label = _("Voucher %(code)s") % {
                    "code": f"\u2066{tender.account.voucher.code}\u2069"}
                paid = _(" (paid by the Comune)")
            else:
                label = _("Welfare credit %(code)s") % {
                    "code": f"\u2066{tender.account.credit.code}\u2069"}
                paid = _(" (paid by the employer)")
            state = ""
            if tender.released:
                state = _(" (released)")
            elif tender.captured:
                state = paid
            parts.append(f"{label}: {amount}{state}{_refunded(tender)}")
        else:
            parts.append(f"{tender.get_method_display()}: {amount}{_refunded(tender)}")
    return " · ".join(parts)


def _refunded(tender):
    if not tender.refunded:
        return ""
    return _(" (%(amount)s refunded)") % {
        "amount": currency(rules.to_eur(tender.refunded), "EUR")}
