"""Demo vouchers: the Comune's "Milano 0-18" fund, vouchers for demo families (one partly
spent), an application waiting for the operator, and orders paid with voucher + provider
(one delivered: paid by the Comune; one still held). Then the demo company's welfare credit
plan (decision 0030) with credit for two employees, and an order paid with voucher + welfare
credit + provider.

Idempotent: the fund is found again by name, vouchers by minor, orders by number. Run after
``seed_orders`` (``seed_milano`` does).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from content.services.models import ServicePage
from content.taxonomy.models import Need
from marketplace.fulfilment import workflow
from marketplace.fulfilment.management.commands.seed_orders import Command as SeedOrders
from marketplace.ledger import credit as welfare
from marketplace.ledger import rules
from marketplace.ledger.checkout import pay_with_vouchers
from marketplace.ledger.models import Fund, Voucher, VoucherApplication
from marketplace.ledger.vouchers import grant, open_fund

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")

FUND_NAME = "Milano 0-18: voucher per attività di bambini e ragazzi 2026"
NEED_SLUGS = ["attivita-per-minori-sociali-ricreative-sportive-culturali", "supporto-allo-studio"]
# (holder e-mail, holder's fiscal code, minor, minor's fiscal code, amount EUR)
VOUCHERS = [
    ("cittadino@wemi.example", "RSSMRA80A01F205X", "Luca Bianchi", "BNCLCU17C12F205R", 400),
    ("famiglia.hassan@wemi.example", "HSSMNA85M50Z336V", "Yusuf Hassan", "HSSYSF16H10F205G",
     400),
]
APPLICATION = ("famiglia.rossi@wemi.example", "RSSNNA82C41F205U", "Giulia Rossi",
               "RSSGLI18E45F205J")
# (order number, minor's fiscal code of the voucher paying it, delivered?)
ORDERS = [("WEMI-VOUCHER-1", "BNCLCU17C12F205R", True),
          ("WEMI-VOUCHER-2", "BNCLCU17C12F205R", False)]
COMPANY_TAX_CODE = "07654320154"  # Rossi Logistica S.r.l. (seed_organisations)
PLAN_NAME = "Welfare Rossi Logistica 2026"
PLAN_BUDGET_EUR = 2000
# (employee, EUR loaded); cittadino@ gets up to 40 for the mixed order below, then 150 more.
CREDITS = [("famiglia.hassan@wemi.example", 300), ("cittadino@wemi.example", 40)]
MIXED_ORDER = "WEMI-WELFARE-1"


class Command(BaseCommand):
    help = "A voucher fund, demo vouchers and orders paid with a voucher (idempotent)."

    def handle(self, *args, **options):
        operator = User.objects.filter(email="operatore@wemi.example").first()
        if operator is None:
            raise CommandError("No Comune operator: run seed_orders first.")
        fund = self.fund(operator)
        for email, holder_cf, minor, minor_cf, amount in VOUCHERS:
            user = User.objects.filter(email=email).first()
            if user is None or fund.vouchers.filter(minor_fiscal_code=minor_cf).exists():
                continue
            grant(fund, holder_cf, minor_cf, amount * 100, user=user, minor_name=minor,
                  actor=operator)
        self.application(fund)
        offers = self.eligible_offers(fund)
        seeder = SeedOrders()
        for index, (number, minor_cf, delivered) in enumerate(ORDERS):
            if Order.objects.filter(number=number).exists() or not offers:
                continue
            voucher = Voucher.objects.get(fund=fund, minor_fiscal_code=minor_cf)
            offer = offers[index % len(offers)]
            with transaction.atomic():
                order = seeder.place_order(number, voucher.user, offer)
                pay_with_vouchers(order, voucher.user, actor=voucher.user)
                if delivered:
                    line = order.lines.get()
                    staff = self.staff_for(offer)
                    workflow.accept(line, staff, timezone.now() - datetime.timedelta(days=2))
                    workflow.mark_delivered(line, staff)
        self.welfare(fund, offers)
        self.stdout.write(
            f"Vouchers: fund “{fund.name}”, {fund.vouchers.count()} vouchers, "
            f"{fund.applications.filter(status='submitted').count()} application(s) waiting."
        )
        self.stdout.write("  cittadino@wemi.example: voucher spent (orders "
                          + ", ".join(n for n, _c, _d in ORDERS) + f", {MIXED_ORDER})")
        self.stdout.write("  famiglia.hassan@wemi.example: voucher unspent; "
                          "famiglia.rossi@wemi.example: application waiting")

    def welfare(self, fund, offers):
        """The company's plan, credit for two employees and an order for cittadino@ paid
        with the rest of the voucher, welfare credit and the provider."""
        from marketplace.organisations.models import Organisation

        company = Organisation.objects.filter(tax_code=COMPANY_TAX_CODE,
                                              status="verified").first()
        office = User.objects.filter(email="welfare.azienda@wemi.example").first()
        if company is None:
            self.stdout.write("Welfare credit: no demo company (run seed_organisations).")
            return
        plan = welfare.plans_of(company).filter(name=PLAN_NAME).first()
        if plan is None:
            today = timezone.localdate()
            plan = welfare.create_plan(
                company, PLAN_NAME, today - datetime.timedelta(days=30),
                datetime.date(today.year + 1, 6, 30), PLAN_BUDGET_EUR * 100, actor=office)
        hassan_email, hassan_eur = CREDITS[0]
        if User.objects.filter(email=hassan_email).exists():
            welfare.load(plan, hassan_email, hassan_eur * 100, "seed", actor=office)
        citizen = User.objects.filter(email=CREDITS[1][0]).first()
        if citizen is None:
            return
        order = Order.objects.filter(number=MIXED_ORDER).first()
        if order is None:
            order = self.mixed_order(plan, citizen, offers, office)
        welfare.load(plan, citizen.email, 150 * 100, "seed-after-order", actor=office)
        self.stdout.write(
            f"Welfare credit: plan “{plan.name}” of {company.name}, "
            f"{plan.credits.count()} employees; famiglia.hassan@: voucher + credit"
            + (f"; order {MIXED_ORDER} of cittadino@ paid with voucher + credit + provider."
               if order else "; no offer costs more than cittadino's voucher: no mixed order."))

    def mixed_order(self, plan, citizen, offers, office):
        """An order for ``citizen`` paid with the rest of the voucher, some welfare credit
        (loaded now: up to 40 EUR, less than what the voucher leaves to pay) and the
        provider; None when no offer costs more than the voucher holds."""
        from marketplace.ledger.checkout import usable_vouchers

        voucher_cents = sum(v.account.balance for v in usable_vouchers(citizen))
        offer, price = self.dearest_for(citizen, offers)
        if offer is None or price <= voucher_cents + 2:
            return None
        credit_cents = min(CREDITS[1][1] * 100, (price - voucher_cents) // 2)
        welfare.load(plan, citizen.email, credit_cents, "seed", actor=office)
        with transaction.atomic():
            order = SeedOrders().place_order(MIXED_ORDER, citizen, offer)
            pay_with_vouchers(order, citizen, actor=citizen)
        return order

    def dearest_for(self, citizen, offers):
        """The offer that costs ``citizen`` the most, and that price in cents."""
        from marketplace.fulfilment.management.commands.seed_orders import Selector

        Basket = get_model("basket", "Basket")
        seeder = SeedOrders()
        best = (None, 0)
        for offer in offers:
            with transaction.atomic():  # a basket only to read the citizen's price
                basket = Basket.objects.create(owner=citizen)
                basket.strategy = Selector().strategy(user=citizen)
                basket.add_product(offer.product, 1, options=seeder.options_for(offer))
                price = rules.to_cents(basket.all_lines()[0].line_price_incl_tax or 0)
                basket.delete()
            if price > best[1]:
                best = (offer, price)
        return best

    def fund(self, operator):
        fund = Fund.objects.filter(name=FUND_NAME).first()
        if fund is not None:
            return fund
        today = timezone.localdate()
        fund = Fund.objects.create(
            name=FUND_NAME,
            description=("Voucher da 100 a 400 euro per le attività sociali, ricreative, "
                         "sportive e culturali di bambini e ragazzi (catalogo Milano 0-18)."),
            budget_cents=50_000 * 100,
            applications_from=today - datetime.timedelta(days=30),
            applications_until=today + datetime.timedelta(days=60),
            valid_until=datetime.date(today.year + 1, 6, 30),
            catalogue_0_18=True,
        )
        fund.needs.set(Need.objects.filter(locale__language_code="it", slug__in=NEED_SLUGS))
        open_fund(fund, actor=operator)
        return fund

    def application(self, fund):
        email, holder_cf, minor, minor_cf = APPLICATION
        user = User.objects.filter(email=email).first()
        if user is None or VoucherApplication.objects.filter(
                fund=fund, minor_fiscal_code=minor_cf).exists():
            return
        VoucherApplication.objects.create(
            fund=fund, user=user, holder_fiscal_code=holder_cf, minor_name=minor,
            minor_fiscal_code=minor_cf, minor_age=8, isee_value=user.isee_declaration.value,
            amount=40000)

    def eligible_offers(self, fund):
        from marketplace.ledger.eligibility import eligible_products

        keys = ServicePage.objects.filter(locale__language_code="it").filter(
            ServicePage.has_needs(list(fund.needs.all()))).values("translation_key")
        offers = list(StockRecord.objects.filter(
            product__service_key__in=keys, price__gt=50, price__lt=500,
        ).select_related("product", "partner").order_by("price", "pk")[:20])
        eligible = eligible_products(fund, [offer.product for offer in offers])
        return [offer for offer in offers if offer.product_id in eligible
                and self.staff_for(offer) is not None]

    def staff_for(self, offer):
        from content.providers.models import ProviderPage

        page = ProviderPage.objects.filter(translation_key=offer.partner.provider_key).first()
        return page.staff_group.user_set.order_by("pk").first() if page else None
