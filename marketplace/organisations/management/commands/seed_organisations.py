"""Demo organisation accounts: a verified condominium with its administrator, residents
(verified and waiting) and a sharing group only for them, a company with its welfare office
and employees, one order bought for the whole building and billed to the condominium, and a
company waiting for the Comune's verification.

Idempotent: organisations are recognised by their tax code. Run after ``seed_sharing``
(``seed_milano`` does).
"""

import datetime
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from oscar.core.loading import get_model

from content.services.models import ServicePage
from content.taxonomy.models import Zone
from marketplace import factories as shop
from marketplace import line_options
from marketplace.sharing import groups
from marketplace.sharing.models import SharingGroup
from marketplace.zones import serves_zone

from ... import services
from ...models import Organisation, OrganisationMember

StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")

PASSWORD = "wemi-cittadino"
CONDOMINIUM = {
    "kind": "condominium", "name": "Condominio Via Padova 40", "tax_code": "97123450153",
    "address": "Via Padova 40, 20127 Milano",
}
COMPANY = {
    "kind": "company", "name": "Rossi Logistica S.r.l.", "tax_code": "07654320154",
    "sdi_code": "M5UXCR1", "address": "Viale Monza 120, 20127 Milano",
}
PENDING = {
    "kind": "company", "name": "Officine Lambrate S.p.A.", "tax_code": "12345670017",
    "address": "Via Rombon 11, 20134 Milano",
}
ADMINISTRATOR = ("amministratore.condominio@wemi.example", "Giorgio", "Ferri")
WELFARE_OFFICE = ("welfare.azienda@wemi.example", "Chiara", "Colombo")
RESIDENTS = [
    ("famiglia.rossi@wemi.example", "scala A, interno 3", True),
    ("famiglia.hassan@wemi.example", "scala B, interno 12", True),
    ("famiglia.garcia@wemi.example", "scala B, interno 7", False),
]
EMPLOYEES = [("famiglia.li@wemi.example", "magazzino", True)]
GROUP_PLACE = "Condominio Via Padova 40 – sala comune"


class Command(BaseCommand):
    help = "Add demo condominium and company accounts (idempotent)."

    def handle(self, *args, **options):
        comune = User.objects.filter(email="admin@wemi.example").first()
        if comune is None or not User.objects.filter(email=RESIDENTS[0][0]).exists():
            raise CommandError("Run seed_content, seed_offers and seed_sharing first.")
        administrator = self.person(*ADMINISTRATOR)
        office = self.person(*WELFARE_OFFICE)
        condominium = self.organisation(CONDOMINIUM, administrator, comune)
        company = self.organisation(COMPANY, office, comune)
        self.organisation(PENDING, office, None)
        for email, note, verified in RESIDENTS:
            self.member(condominium, email, note, verified, administrator)
        for email, note, verified in EMPLOYEES:
            self.member(company, email, note, verified, office)
        offer, service, zone = self.sharable_offer()
        if not condominium.sharing_groups.exists():
            self.restricted_group(condominium, administrator, offer, zone)
        if not condominium.orders.exists():
            self.building_order(condominium, administrator, offer, zone)
        self.stdout.write(
            f"Organisations: {Organisation.objects.count()} "
            f"({Organisation.objects.filter(status='verified').count()} verified)."
        )
        self.stdout.write(
            f"Logins: condominium administrator {ADMINISTRATOR[0]} / {PASSWORD} "
            f"(/it/shop/organisations/{condominium.pk}/)"
        )
        self.stdout.write(f"  company welfare office {WELFARE_OFFICE[0]} / {PASSWORD}")
        self.stdout.write(
            f"  residents {', '.join(email for email, *_rest in RESIDENTS)} / {PASSWORD}; "
            "the Comune verifies organisations at /cms/organisations/"
        )

    def person(self, email, first_name, last_name):
        return User.objects.filter(email=email).first() or shop.make_citizen(
            email, password=PASSWORD, isee="15000", first_name=first_name, last_name=last_name
        )

    def organisation(self, fields, representative, reviewer):
        found = Organisation.objects.filter(tax_code=fields["tax_code"]).first()
        if found is not None:
            return found
        organisation = services.register(representative, **fields)
        if reviewer is not None:
            services.review(organisation, reviewer, Organisation.Status.VERIFIED)
        return organisation

    def member(self, organisation, email, note, verified, representative):
        user = User.objects.get(email=email)
        member = OrganisationMember.objects.filter(organisation=organisation, user=user).first()
        if member is None:
            member = services.ask_to_join(user, organisation, note)
        if verified and not member.is_verified:
            services.verify_member(representative, member)

    def sharable_offer(self):
        keys = ServicePage.objects.filter(sharable=True, locale__language_code="it").values(
            "translation_key"
        )
        offer = (
            StockRecord.objects.filter(
                product__service_key__in=keys, product__is_public=True,
                sharing_tiers__isnull=False,
            )
            .select_related("product")
            .order_by("pk")
            .first()
        )
        if offer is None:
            raise CommandError("No offer with shared prices: run seed_sharing first.")
        service = ServicePage.objects.filter(
            translation_key=offer.product.service_key, locale__language_code="it"
        ).first()
        zone = next(
            (
                zone
                for zone in Zone.objects.in_default_locale()
                .filter(kind=Zone.Kind.QUARTIERE)
                .order_by("pk")
                if serves_zone(service, zone)
            ),
            Zone.objects.in_default_locale().order_by("pk").first(),
        )
        return offer, service, zone

    def restricted_group(self, condominium, administrator, offer, zone):
        deadline = timezone.now() + datetime.timedelta(days=5)
        group, _token = groups.start_group(
            offer, administrator, "it", organisation=condominium,
            context=SharingGroup.Context.CONDOMINIUM, min_households=2, max_households=10,
            deadline=deadline, start_date=(deadline + datetime.timedelta(days=7)).date(),
            frequency="weekly", zone=zone, place=GROUP_PLACE, is_public=False,
        )
        groups.join(group, User.objects.get(email=RESIDENTS[0][0]), "it")

    def building_order(self, condominium, administrator, offer, zone):
        start = timezone.localdate() + datetime.timedelta(days=10)
        services.place_organisation_order(
            administrator, condominium, offer, 8, 24,
            {
                line_options.START_DATE: start.isoformat(),
                line_options.FREQUENCY: line_options.Frequency.WEEKLY,
                line_options.SERVICE_STREET: "Via Padova 40",
                line_options.SERVICE_ZONE: zone.name,
            },
            uuid.uuid5(uuid.NAMESPACE_URL, "wemi-demo-condominium-order"), "it",
        )
