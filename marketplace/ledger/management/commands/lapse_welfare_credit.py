from django.core.management.base import BaseCommand
from django.utils import timezone

from marketplace.ledger.credit import lapse
from marketplace.ledger.models import Account, Fund


class Command(BaseCommand):
    help = (
        "Give back to the employer what employees did not spend of every welfare credit plan "
        "whose period is over, and the plan's unallocated budget; close the wallets "
        "(idempotent: a second run finds nothing to do)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        due = Fund.objects.filter(kind=Fund.Kind.EMPLOYER_CREDIT, valid_until__lt=today).filter(
            accounts__status=Account.Status.OPEN).distinct().select_related("organisation")
        count = returned = 0
        for fund in due:
            returned += lapse(fund, today)
            count += 1
        self.stdout.write(f"{count} plan(s) lapsed, {returned} cents back to the employers.")
