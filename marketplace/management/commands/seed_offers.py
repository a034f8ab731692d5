"""Demo offers for every service of the Milan demo, and demo citizens with their ISEE.

Run after ``seed_content``. Re-runnable: offers are found again by their SKU and citizens by
their email, so a second run changes nothing.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Locale

from content.services.models import ServicePage
from marketplace import factories
from marketplace.defaults import ensure_all

StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")

CITIZEN_PASSWORD = "wemi-cittadino"
# (email, first name, last name, ISEE in EUR or None, expired?)
CITIZENS = [
    ("cittadino@wemi.example", "Marco", "Colombo", "12000", False),
    ("isee.basso@wemi.example", "Fatima", "El Sayed", "4500", False),
    ("isee.medio@wemi.example", "Giulia", "Ferrari", "21000", False),
    ("senza.isee@wemi.example", "Luca", "Bianchi", None, False),
    ("isee.scaduto@wemi.example", "Wei", "Chen", "8000", True),
]
HOME_CARE_WORDS = ("domicil", "assistenz", "badant", "anzian", "cura", "disabil")
REPAIR_WORDS = ("ripara", "manutenz", "pulizi", "traslo", "giardin", "lavanderi", "spesa")


def offer_plan(service, rng):
    """1-3 offers ``(pricing_kind, unit, price, capacity)`` fitting the kind of service."""
    title = service.title.lower()
    capacity = rng.choice([None, None, None, rng.randint(6, 30)])
    if service.accredited:
        unit = "hour" if any(word in title for word in HOME_CARE_WORDS) else "session"
        tariff = Decimal(rng.randrange(1800, 2601, 50)) / 100
        plan = [("accredited", unit, tariff, capacity)]
        if rng.random() < 0.5:
            plan.append(("accredited", "month", (tariff * 20).quantize(Decimal("1")), capacity))
        return plan
    if rng.random() < 0.15:
        return [("free", "session", Decimal("0.00"), rng.choice([None, rng.randint(10, 40)]))]
    if any(word in title for word in REPAIR_WORDS):
        plan = [("market", "session", Decimal(rng.randrange(2500, 6001, 500)) / 100, None)]
    else:
        plan = [
            (
                "market",
                rng.choice(["hour", "session"]),
                Decimal(rng.randrange(1500, 4001, 100)) / 100,
                capacity,
            )
        ]
    if rng.random() < 0.3:
        plan.append(("market", "package", (plan[0][2] * 8).quantize(Decimal("1")), capacity))
    return plan


class Command(BaseCommand):
    help = "Create demo offers (partners, products, stock records) and demo citizens."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: the demo adds accounts with known passwords; pass --force only "
                "on a throw-away database."
            )
        with transaction.atomic():
            ensure_all()
            created, existing = self.seed_offers()
            citizens = self.seed_citizens()
        self.stdout.write(
            self.style.SUCCESS(f"Offers: {created} created, {existing} already there.")
        )
        self.stdout.write(f"\nDemo citizens (password for all: {CITIZEN_PASSWORD}):")
        for email, isee, expired in citizens:
            if isee is None:
                detail = "no ISEE: full tariff"
            elif expired:
                detail = f"ISEE {isee} EUR, expired: full tariff until renewed"
            else:
                detail = f"ISEE {isee} EUR"
            self.stdout.write(f"  {email:<28} {detail}")

    def seed_offers(self):
        created = existing = 0
        services = (
            ServicePage.objects.filter(locale=Locale.get_default())
            .live()
            .specific()
            .order_by("path")
        )
        for service in services:
            rng = random.Random(str(service.translation_key))
            for number, (kind, unit, price, capacity) in enumerate(offer_plan(service, rng), 1):
                sku = f"WEMI-{str(service.translation_key)[:8]}-{number}"
                if StockRecord.objects.filter(partner_sku=sku).exists():
                    existing += 1
                    continue
                factories.make_offer(
                    service, price=price, unit=unit, pricing_kind=kind, capacity=capacity, sku=sku
                )
                created += 1
        return created, existing

    def seed_citizens(self):
        today = timezone.localdate()
        # An ISEE is valid until 31 December of the year of its DSU (rules.latest_isee_expiry).
        valid_until = datetime.date(today.year, 12, 31)
        seeded = []
        for email, first_name, last_name, isee, expired in CITIZENS:
            if not User.objects.filter(email=email).exists():
                factories.make_citizen(
                    email,
                    password=CITIZEN_PASSWORD,
                    isee=isee,
                    isee_expires_on=today - datetime.timedelta(days=30) if expired else valid_until,
                    first_name=first_name,
                    last_name=last_name,
                )
            self.verify_demo_declaration(email)
            seeded.append((email, isee, expired))
        return seeded

    def verify_demo_declaration(self, email):
        """The demo citizens' declarations are verified (by the seed: verified_by empty), so
        that their prices are the reduced ones of the README's table; also on a database
        seeded before unverified declarations stopped counting."""
        from marketplace.pricing.models import IseeDeclaration

        declaration = IseeDeclaration.objects.filter(user__email=email).first()
        if declaration is not None and not declaration.is_verified:
            declaration.mark_verified(None)
            declaration.save(update_fields=["verified_at", "verified_by"])
            declaration.record_verification()
