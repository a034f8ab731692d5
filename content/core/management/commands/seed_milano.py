"""Build the whole Milan demo: content, translations, marketplace offers, search index.

Each layer seeds its own data with its own command; this one runs them in order, by name,
so that `content` imports neither the marketplace nor the search app. Every step is
idempotent: running it twice gives the same site.
"""

import io
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from content.core.seeding import bulk_seeding

# (command, what it builds, whether it refuses to run with DEBUG off unless --force)
STEPS = [
    ("seed_content", "pages, taxonomy, providers, services, Spazi, news, accounts", True),
    ("seed_translations", "translations in en, ar, zh-hans, es", True),
    ("seed_offers", "marketplace offers, partners, demo citizens", True),
    ("seed_minors", "Milano 0-18 catalogue: activities for minors, with offers", True),
    ("seed_appointments", "Spazi desk services, slots, activities, appointments", True),
    ("seed_orders", "orders in every state of the provider workflow", False),
    ("seed_delegations", "an authorisation for the demo citizen, an assisted citizen", False),
    ("seed_privacy", "a citizen who can download and delete their data", False),
    ("seed_quotes", "quote requests in every state, with conversations", False),
    ("seed_sharing", "shared price tiers and sharing groups in every state", False),
    ("seed_organisations", "a verified condominium and company, their members and orders", False),
    ("seed_vouchers", "a voucher fund, vouchers for demo families, orders paid with them", False),
    ("secure_content", "private pages and uploads, no draft aliases", False),
    ("rebuild_search_index", "search index", False),
    ("update_index", "Wagtail's search index (admin search, pages API)", False),
    ("rebuild_references_index", "Wagtail's reference index (usage of images, documents)", False),
]


# Lines of a step's output kept for the final summary: the logins and what was built.
SUMMARY_STARTS = ("Logins:", "Demo citizens")


def summary_of(output):
    """The part of a step's output worth repeating at the end: the block of logins or demo
    citizens if it printed one, else its last line (its count)."""
    lines = [line for line in output.splitlines() if line.strip()]
    for number, line in enumerate(lines):
        if line.startswith(SUMMARY_STARTS):
            return lines[number:]
    return [line.strip() for line in lines[-1:]]


@contextmanager
def quiet_logging(verbosity):
    """Below verbosity 2, INFO logging (a line per page saved, per task run) is off; warnings
    and errors still show."""
    if verbosity >= 2:
        yield
        return
    logging.disable(logging.INFO)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


def run_step(command, *, guarded, verbosity, stdout=None, stderr=None):
    """Run one step as the demo seed does, inside :func:`bulk_seeding` (which turns ``DEBUG``
    off: the caller has checked it, so the guarded steps get ``--force``): quiet below
    verbosity 2, demo mail kept in memory. Returns what the step printed (empty when it
    printed to ``stdout``)."""
    output = stdout if stdout is not None and verbosity >= 2 else io.StringIO()
    step_options = {"force": True} if guarded else {}
    # Demo orders change state and notify their (fictional) citizens: keep that mail in memory
    # rather than printing it over the logins.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
        quiet_logging(verbosity),
    ):
        call_command(command, stdout=output, stderr=stderr, **step_options)
    return output.getvalue() if isinstance(output, io.StringIO) else ""


class Command(BaseCommand):
    help = "Build (or refresh) the Milan demo site. Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        """One progress line per step, then a summary (logins, counts); ``-v 2`` shows every
        step's own output and INFO logging."""
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. The demo adds fictional providers "
                "and accounts with known passwords; pass --force only on a throw-away database."
            )
        started = time.monotonic()
        summary = []
        # Wagtail's search index is built once at the end (the last step), not per save.
        with bulk_seeding():
            for number, (command, what, guarded) in enumerate(STEPS, 1):
                self.stdout.write(
                    self.style.MIGRATE_HEADING(f"[{number}/{len(STEPS)}] {command}: ")
                    + what
                    + "...",
                    ending="",
                )
                self.stdout.flush()
                step_started = time.monotonic()
                if verbosity >= 2:
                    self.stdout.write("")
                output = run_step(
                    command,
                    guarded=guarded,
                    verbosity=verbosity,
                    stdout=self.stdout,
                    stderr=self.stderr,
                )
                self.stdout.write(f" done in {time.monotonic() - step_started:.0f} s")
                if verbosity < 2:
                    lines = summary_of(output)
                    if len(lines) == 1:
                        lines = [f"{command}: {lines[0]}"]
                    summary.extend(lines)
        if summary:
            self.stdout.write("")
            self.stdout.write("\n".join(summary))
        self.stdout.write(
            self.style.SUCCESS(f"Milan demo ready in {time.monotonic() - started:.0f} s.")
        )
