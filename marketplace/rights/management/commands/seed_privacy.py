"""A demo citizen to try the data rights on: an ISEE, an address and an order awaiting the
provider (cancelled when she deletes her account).

Run after ``seed_orders``. Re-runnable: the account is found by e-mail; once deleted (from
the account page), the next run creates it again, with a new order.
"""

import datetime
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.fulfilment.management.commands.seed_orders import Command as SeedOrders
from marketplace.pricing.models import IseeDeclaration

User = get_model("marketplace_accounts", "User")
Order = get_model("order", "Order")
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

EMAIL = "cittadina.dati@wemi.example"
PASSWORD = "wemi-cittadino"


class Command(BaseCommand):
    help = "A demo citizen with an ISEE, an address and a pending order, to download or delete."

    @transaction.atomic
    def handle(self, *args, **options):
        citizen = User.objects.filter(email=EMAIL).first()
        if citizen is None:
            citizen = User.objects.create_user(
                email=EMAIL, password=PASSWORD, first_name="Giulia", last_name="Bianchi"
            )
        IseeDeclaration.objects.get_or_create(
            user=citizen,
            defaults={
                "value": Decimal("9800.00"),
                "dsu_protocol": "INPS-ISEE-2026-00098000B-00",
                "expires_on": timezone.localdate() + datetime.timedelta(days=300),
            },
        )
        if not UserAddress.objects.filter(user=citizen).exists():
            country = Country.objects.get_or_create(
                iso_3166_1_a2="IT", defaults={"name": "Italia", "printable_name": "Italia"}
            )[0]
            UserAddress.objects.create(
                user=citizen, first_name="Giulia", last_name="Bianchi",
                line1="Via Padova 120", line4="Milano", postcode="20132", country=country,
            )
        number = f"WEMI-DEMO-P{citizen.pk}"
        if not Order.objects.filter(number=number).exists():
            seed_orders = SeedOrders()
            partner, _provider = seed_orders.demo_provider()
            offer = partner.stockrecords.select_related("product").order_by("pk").first()
            order = seed_orders.place_order(number, citizen, offer)
            order.contact_name = "Giulia Bianchi"
            order.contact_phone = "+39 333 555 0101"
            order.save(update_fields=["contact_name", "contact_phone"])
        self.stdout.write(self.style.SUCCESS("Demo citizen for the data rights ready."))
        self.stdout.write(
            f"  citizen         {EMAIL} / {PASSWORD} (order {number}: download or delete "
            "her data at /it/shop/accounts/my-data/)"
        )
