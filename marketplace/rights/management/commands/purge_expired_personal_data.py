"""The retention purge (scheduler job, daily): orders placed more than ten years ago (art.
2220 c.c.) keep their numbers, dates, services and amounts, without personal fields.

Idempotent: run it twice, or from two schedulers at once, and the second run finds nothing.
"""

from django.core.management.base import BaseCommand

from marketplace.rights import rules
from marketplace.rights.erasure import purge_expired


class Command(BaseCommand):
    help = "Empty the personal fields of orders older than the retention period (10 years)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=rules.ORDER_RETENTION_YEARS,
            help="The retention period in years (default: 10, art. 2220 codice civile).",
        )

    def handle(self, *args, years, **options):
        orders, messages = purge_expired(years=years)
        self.stdout.write(
            f"Retention purge: {orders} orders anonymised, {messages} late messages to erased "
            "accounts deleted."
        )
