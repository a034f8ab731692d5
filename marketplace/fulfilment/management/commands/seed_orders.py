"""Demo orders in each fulfilment state, and a Comune operator account.

Run after ``seed_offers`` (it needs the demo citizen and the offers). Re-runnable: the demo
orders have fixed numbers and the operator is found again by e-mail.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model

from content.providers.models import ProviderPage
from content.services.models import ServicePage
from content.taxonomy.models import Zone
from marketplace import line_options
from marketplace.fulfilment import workflow
from marketplace.fulfilment.roles import ensure_operators_group

Basket = get_model("basket", "Basket")
Option = get_model("catalogue", "Option")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
Selector = get_class("partner.strategy", "Selector")

OPERATOR_EMAIL = "operatore@wemi.example"
OPERATOR_PASSWORD = "wemi-operatore"
CITIZEN_EMAIL = "cittadino@wemi.example"
PROVIDER_PASSWORD = "wemi-provider"
# (order number, what the provider does with it)
DEMO_ORDERS = [("WEMI-DEMO-1", "pending"), ("WEMI-DEMO-2", "accept"), ("WEMI-DEMO-3", "decline")]


class Command(BaseCommand):
    help = "Demo orders awaiting, accepted and declined by a provider; a Comune operator login."

    def handle(self, *args, **options):
        operator = self.ensure_operator()
        citizen = User.objects.filter(email=CITIZEN_EMAIL).first()
        if citizen is None:
            raise CommandError(f"{CITIZEN_EMAIL} does not exist: run seed_offers first.")
        partner, provider = self.demo_provider()
        staff = provider.staff_group.user_set.order_by("pk").first() if provider else None
        if staff is None:
            raise CommandError("The demo provider has no staff account: run seed_content first.")

        offers = list(
            StockRecord.objects.filter(partner=partner).select_related("product").order_by("pk")
        )
        for index, (number, action) in enumerate(DEMO_ORDERS):
            if Order.objects.filter(number=number).exists():
                continue
            offer = offers[index % len(offers)]
            with transaction.atomic():
                order = self.place_order(number, citizen, offer)
                line = order.lines.get()
                if action == "accept":
                    start = timezone.now() + datetime.timedelta(days=5)
                    workflow.accept(line, staff, start, "Operatrice di riferimento: Anna.")
                elif action == "decline":
                    workflow.decline(line, staff, "Nessun operatore libero nel periodo richiesto.")

        self.stdout.write(self.style.SUCCESS("Demo orders ready."))
        self.stdout.write(f"  provider staff  {staff.email} / {PROVIDER_PASSWORD} ({partner.name})")
        self.stdout.write(f"  Comune operator {operator.email} / {OPERATOR_PASSWORD}")
        self.stdout.write(
            f"  citizen         {citizen.email} (orders {', '.join(n for n, _ in DEMO_ORDERS)})"
        )

    def ensure_operator(self):
        operator = User.objects.filter(email=OPERATOR_EMAIL).first()
        if operator is None:
            operator = User.objects.create_user(
                email=OPERATOR_EMAIL,
                password=OPERATOR_PASSWORD,
                first_name="Paola",
                last_name="Operatrice",
            )
        operator.groups.add(ensure_operators_group())
        return operator

    def demo_provider(self):
        """The first provider (by name) that sells offers, and its page."""
        partner = (
            Partner.objects.filter(stockrecords__isnull=False, provider_key__isnull=False)
            .order_by("name")
            .first()
        )
        if partner is None:
            raise CommandError("No offers yet: run seed_offers first.")
        provider = ProviderPage.objects.filter(translation_key=partner.provider_key).first()
        return partner, provider

    def place_order(self, number, citizen, offer):
        basket = Basket.objects.create(owner=citizen)
        basket.strategy = Selector().strategy(user=citizen)
        basket.add_product(offer.product, 1, options=self.options_for(offer))
        shipping = NoShippingRequired()
        shipping_charge = shipping.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, shipping_charge)
        with translation.override("it"):
            order = OrderCreator().place_order(
                basket=basket,
                total=total,
                shipping_method=shipping,
                shipping_charge=shipping_charge,
                user=citizen,
                order_number=number,
            )
        basket.submit()
        return order

    def options_for(self, offer):
        service = ServicePage.objects.filter(translation_key=offer.product.service_key).first()
        zones = list(service.zones.all()) if service else []
        zone = zones[0] if zones else Zone.objects.in_default_locale().order_by("pk").first()
        values = {
            line_options.START_DATE: (
                timezone.localdate() + datetime.timedelta(days=7)
            ).isoformat(),
            line_options.FREQUENCY: line_options.Frequency.WEEKLY,
            line_options.SERVICE_STREET: "Via Dante 12",
            line_options.SERVICE_ZONE: zone.name,
        }
        options = {option.code: option for option in Option.objects.filter(code__in=values)}
        return [{"option": options[code], "value": value} for code, value in values.items()]
