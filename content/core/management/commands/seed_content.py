"""Build (or refresh) the Milan demo content. Re-runnable: a second run changes nothing."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content.core.demo.city import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    EDITOR_EMAIL,
    EDITOR_PASSWORD,
    OPERATOR_PASSWORD,
    PROVIDER_PASSWORD,
    TRANSLATOR_EMAIL,
    TRANSLATOR_PASSWORD,
    MilanDemo,
)


class Command(BaseCommand):
    help = (
        "Build the Milan demo content (taxonomy, Spazi, fictional providers and services, news, "
        "guides, roles and demo accounts). Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the full demo to build (1 = 58 providers and 300 services).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, scale=1.0, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. The demo adds fictional providers "
                "and accounts with known passwords; pass --force only on a throw-away database."
            )
        if not 0 < scale <= 1:
            raise CommandError("--scale must be greater than 0 and at most 1.")
        started = time.monotonic()
        self.stdout.write(f"Building the Milan demo content (scale {scale:g}):")
        demo = MilanDemo(scale=scale, log=self.stdout.write)
        with transaction.atomic():
            counts = demo.build()
        elapsed = time.monotonic() - started

        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s."))
        for label, bucket in (("created", counts.created), ("already there", counts.existing)):
            if bucket:
                summary = ", ".join(f"{kind} {count}" for kind, count in sorted(bucket.items()))
                self.stdout.write(f"  {label}: {summary}")
        home_url = demo.home.get_url() or "/it/"
        self.stdout.write("\nOpen:")
        self.stdout.write(f"  site          http://127.0.0.1:8000{home_url}")
        for key, index in demo.indexes.items():
            self.stdout.write(f"  {key:<13} http://127.0.0.1:8000{index.get_url()}")
        self.stdout.write("  admin         http://127.0.0.1:8000/cms/")
        self.stdout.write("  API           http://127.0.0.1:8000/api/v2/pages/")
        self.stdout.write("\nLogins:")
        self.stdout.write(f"  superuser     {ADMIN_EMAIL} / {ADMIN_PASSWORD}")
        self.stdout.write(f"  Comune editor {EDITOR_EMAIL} / {EDITOR_PASSWORD}")
        self.stdout.write(
            f"  translator    {TRANSLATOR_EMAIL} / {TRANSLATOR_PASSWORD}  (translates the "
            f"other languages' pages, submits them to the editors)"
        )
        if demo.staff_logins:
            email, provider = demo.staff_logins[0]
            self.stdout.write(
                f"  provider staff {email} / {PROVIDER_PASSWORD}  ({provider.title}; every "
                f"provider has one: staff+<provider-slug>@wemi.example, "
                f"{len(demo.staff_logins)} in all)"
            )
        if demo.operator_logins:
            email, space = demo.operator_logins[0]
            self.stdout.write(
                f"  Spazio operator {email} / {OPERATOR_PASSWORD}  ({space.title}; every "
                f"Spazio WeMi has one: operatore+<spazio-slug>@wemi.example, "
                f"{len(demo.operator_logins)} in all)"
            )
