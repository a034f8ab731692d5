"""Demo data of shared purchases: price tiers on the offers of sharable services and groups
in every state (forming, one near its deadline, confirmed with orders, failed).

Idempotent: tiers are added only to offers without any; the groups only once (recognised
by their organiser and place). Run after ``seed_offers`` (``seed_milano`` does).
"""

import datetime
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from content.services.models import ServicePage
from content.taxonomy.models import Zone
from marketplace import factories as shop
from marketplace.pricing.rules import to_cents
from marketplace.sharing import groups
from marketplace.sharing.models import PriceTier, SharingGroup
from marketplace.zones import serves_zone

StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")

PASSWORD = "wemi-cittadino"
# Share of the individual price each household pays: 2-3 households, 4-5, 6 or more.
TIER_SHARES = [(2, 3, Decimal("0.85")), (4, 5, Decimal("0.75")), (6, None, Decimal("0.65"))]
# The demo price lists apply from the start of 2024 until further notice.
TIERS_FROM = datetime.date(2024, 1, 1)
HOUSEHOLDS = [
    ("famiglia.rossi@wemi.example", "Anna", "Rossi", "9000"),
    ("famiglia.hassan@wemi.example", "Amina", "Hassan", "5000"),
    ("famiglia.li@wemi.example", "Li", "Wang", "20000"),
    ("famiglia.garcia@wemi.example", "Sofia", "García", None),
]
DEMO_PLACES = {
    "near": "Scuola primaria Giacosa – classe 2B",
    "open": "Condominio di via Padova 40",
    "confirmed": "Quartiere Città Studi – genitori della scuola Clericetti",
    "failed": "Azienda Rossi Srl – ufficio welfare",
}


class Command(BaseCommand):
    help = "Add shared price tiers and demo sharing groups (idempotent)."

    def handle(self, *args, **options):
        offers = list(self.sharable_offers())
        if not offers:
            raise CommandError("No offers of sharable services: run seed_offers first.")
        added = 0
        for offer in offers:
            if offer.sharing_tiers.exists() or not offer.price:
                continue
            for low, high, share in TIER_SHARES:
                PriceTier.objects.create(
                    stockrecord=offer,
                    min_households=low,
                    max_households=high,
                    unit_price=to_cents(offer.price * share),
                    valid_from=TIERS_FROM,
                )
            added += 1
        citizen = User.objects.filter(email="cittadino@wemi.example").first()
        if citizen is None:
            raise CommandError("No demo citizen: run seed_offers first.")
        households = [self.household(*row) for row in HOUSEHOLDS]
        offer = offers[0]
        service = ServicePage.objects.filter(
            translation_key=offer.product.service_key, locale__language_code="it"
        ).first()
        zone = self.zone_for(service)
        if not SharingGroup.objects.filter(place__in=DEMO_PLACES.values()).exists():
            self.make_groups(offer, zone, citizen, households)
        self.stdout.write(
            f"Sharing: tiers on {added} more offers ({len(offers)} sharable), "
            f"{SharingGroup.objects.count()} groups."
        )
        self.stdout.write(f"  try it on {service.url if service else offer}")
        self.stdout.write(
            "  households " + ", ".join(email for email, *_rest in HOUSEHOLDS)
            + f" / {PASSWORD}"
        )

    def sharable_offers(self):
        keys = ServicePage.objects.filter(sharable=True, locale__language_code="it").values(
            "translation_key"
        )
        return (
            StockRecord.objects.filter(
                product__service_key__in=keys, product__is_public=True, price__gt=0
            )
            .filter(~Q(product__pricing_kind="free"))
            .select_related("product", "partner")
            .order_by("pk")
        )

    def household(self, email, first_name, last_name, isee):
        user = User.objects.filter(email=email).first()
        return user or shop.make_citizen(
            email, password=PASSWORD, isee=isee, first_name=first_name, last_name=last_name
        )

    def zone_for(self, service):
        for zone in Zone.objects.in_default_locale().filter(kind=Zone.Kind.QUARTIERE).order_by(
            "pk"
        ):
            if service is None or serves_zone(service, zone):
                return zone
        return Zone.objects.in_default_locale().order_by("pk").first()

    def make_groups(self, offer, zone, citizen, households):
        now = timezone.now()

        def start(organiser, key, language="it", hours=24 * 6, minimum=3, maximum=8,
                  context="school", public=True):
            deadline = now + datetime.timedelta(hours=hours)
            group, _token = groups.start_group(
                offer,
                organiser,
                language,
                context=context,
                min_households=minimum,
                max_households=maximum,
                deadline=deadline,
                start_date=(deadline + datetime.timedelta(days=7)).date(),
                frequency="weekly",
                zone=zone,
                place=DEMO_PLACES[key],
                is_public=public,
            )
            return group

        near = start(households[0], "near", hours=3)
        groups.join(near, households[1], "ar")
        groups.join(near, households[2], "zh-hans")
        start(households[3], "open", language="es", context="condominium")
        confirmed = start(citizen, "confirmed", minimum=2, context="quartiere")
        groups.join(confirmed, households[0], "it")
        groups.join(confirmed, households[1], "ar")
        groups.close_group(confirmed.pk, by=citizen, early=True)
        failed = start(households[2], "failed", language="zh-hans", context="company")
        SharingGroup.objects.filter(pk=failed.pk).update(
            deadline=now - datetime.timedelta(minutes=1)
        )
        groups.close_group(failed.pk)
