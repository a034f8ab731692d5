"""Requests holding voucher money that their provider never answered lapse: each is declined
on the provider's behalf, what the vouchers held goes back to them, and the citizen is told in
the language of the order (docs/decisions/0027). Idempotent: a lapsed line is no longer
pending, so a second run finds nothing to do."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import F, Sum
from django.utils import timezone, translation
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace import line_options
from marketplace.emails import recipient_language
from marketplace.fulfilment import statuses, workflow
from marketplace.ledger import rules

Line = get_model("order", "Line")


def start_date_of(line):
    for attribute in line.attributes.all():
        if attribute.option and attribute.option.code == line_options.START_DATE:
            return parse_date(str(attribute.value))
    return None


def lapse_reason(line, days, now):
    """Why the line lapsed, in the citizen's language."""
    placed_deadline = line.order.date_placed + timezone.timedelta(days=days)
    with translation.override(recipient_language(line.order)):
        if now >= placed_deadline:
            return _("The provider did not answer within %(days)s days.") % {"days": days}
        return _("The provider did not answer before the preferred start date.")


def lines_due(now, days):
    """Lines awaiting their provider, with voucher money still held, past their deadline."""
    pending = (
        Line.objects.filter(status=statuses.PENDING, tenders__account__isnull=False)
        .annotate(held=Sum(F("tenders__amount") - F("tenders__captured")
                           - F("tenders__released")))
        .filter(held__gt=0)
        .select_related("order")
        .prefetch_related("attributes__option")
    )
    for line in pending:
        if now >= rules.lapses_at(line.order.date_placed, start_date_of(line), days):
            yield line


class Command(BaseCommand):
    help = (
        "Decline the requests holding voucher money that their provider left unanswered past "
        "the deadline (WEMI_VOUCHER_ANSWER_DAYS, or the preferred start date) and give the "
        "money back to the vouchers (idempotent)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        days = settings.WEMI_VOUCHER_ANSWER_DAYS
        lapsed = 0
        for line in list(lines_due(now, days)):
            try:
                workflow.lapse(line, lapse_reason(line, days, now))
            except workflow.InvalidTransition:
                continue  # the provider answered, or the citizen cancelled, meanwhile
            lapsed += 1
        self.stdout.write(f"{lapsed} request(s) lapsed, their voucher money released.")
