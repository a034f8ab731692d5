"""Expire quote requests past their answer date and quotes past their validity.

Idempotent (a second run changes nothing); registered as the scheduler job
``expire_quotes`` (marketplace.quotes.apps), run every 5 minutes.
"""

from django.core.management.base import BaseCommand

from marketplace.quotes import workflow


class Command(BaseCommand):
    help = "Expire quote requests and quotes whose dates have passed (idempotent)."

    def handle(self, *args, **options):
        quotes, requests = workflow.expire_due()
        self.stdout.write(f"Expired {quotes} quote(s) and {requests} request(s).")
