"""Close the sharing groups whose deadline has passed: confirmed (one order per household)
or failed (nobody charged). Idempotent: a second run, or two at once, finds nothing to do."""

from django.core.management.base import BaseCommand

from marketplace.sharing import groups, rules


class Command(BaseCommand):
    help = "Confirm or fail the sharing groups whose deadline has passed."

    def handle(self, *args, **options):
        counts = groups.close_due_groups()
        self.stdout.write(
            f"Sharing groups closed: {counts[rules.CONFIRM]} confirmed, "
            f"{counts[rules.FAIL]} failed."
        )
