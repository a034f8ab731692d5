from django.core.management.base import BaseCommand, CommandError

from marketplace.ledger.invariants import all_breaks


class Command(BaseCommand):
    help = (
        "Verify every ledger invariant (each transfer balances, entries sum to zero, cached "
        "balances equal their entries, no holder below zero, holds match open tenders); exit "
        "non-zero on any break."
    )

    def handle(self, *args, **options):
        breaks = all_breaks()
        for problem in breaks:
            self.stderr.write(problem)
        if breaks:
            raise CommandError(f"{len(breaks)} ledger invariant(s) broken")
        self.stdout.write("Ledgers are consistent.")
