from django.core.management.base import BaseCommand
from django.utils import timezone

from marketplace.ledger.models import Account, Voucher
from marketplace.ledger.vouchers import expire


class Command(BaseCommand):
    help = (
        "Return the balance of every voucher past its validity to its fund and close it "
        "(idempotent: a second run finds nothing to do)."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        returned = 0
        due = Voucher.objects.filter(account__valid_until__lt=today).exclude(
            account__status=Account.Status.CLOSED
        ).select_related("account", "fund")
        count = 0
        for voucher in due:
            transfer = expire(voucher, today)
            count += 1
            returned += transfer.amount if transfer is not None else 0
        self.stdout.write(f"{count} voucher(s) expired, {returned} cents back to their funds.")
