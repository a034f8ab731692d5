"""Build the whole Milan demo: content, translations, marketplace offers, search index.

Each layer seeds its own data with its own command; this one runs them in order, by name,
so that `content` imports neither the marketplace nor the search app. Every step is
idempotent: running it twice gives the same site.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

# (command, what it builds, whether it refuses to run with DEBUG off unless --force)
STEPS = [
    ("seed_content", "pages, taxonomy, providers, services, Spazi, news, accounts", True),
    ("seed_translations", "translations in en, ar, zh-hans, es", True),
    ("seed_offers", "marketplace offers, partners, demo citizens", True),
    ("seed_orders", "orders in every state of the provider workflow", False),
    ("rebuild_search_index", "search index", False),
]


class Command(BaseCommand):
    help = "Build (or refresh) the Milan demo site. Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        started = time.monotonic()
        for command, what, guarded in STEPS:
            self.stdout.write(self.style.MIGRATE_HEADING(f"==> {command}: {what}"))
            step_options = {"force": True} if force and guarded else {}
            # Demo orders change state and notify their (fictional) citizens: keep that mail
            # in memory rather than printing it over the logins.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                call_command(command, stdout=self.stdout, stderr=self.stderr, **step_options)
        self.stdout.write(
            self.style.SUCCESS(f"Milan demo ready in {time.monotonic() - started:.0f} s.")
        )
