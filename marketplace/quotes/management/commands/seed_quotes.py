"""Demo quote requests in every state, with conversations in Italian and one in Arabic.

Run after ``seed_orders`` (it needs the demo citizens, the providers' staff and the
operator). Re-runnable: each demo request has a fixed UUID and is skipped when present.
"""

import datetime
import uuid
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model

from content.taxonomy.models import Need, Zone
from marketplace.quotes import matching, pricing, statuses, workflow
from marketplace.quotes.models import QuoteRequest
from marketplace.quotes.roles import grant_quote_statistics
from marketplace.quotes.views import _booking_options, _quote_title

Basket = get_model("basket", "Basket")
User = get_model("marketplace_accounts", "User")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
Selector = get_class("partner.strategy", "Selector")

CITIZEN = "cittadino@wemi.example"
ARABIC_CITIZEN = "isee.basso@wemi.example"
OPERATOR = "operatore@wemi.example"
ITALIAN_THREAD = [
    ("citizen", "Buongiorno, mia madre ha bisogno di aiuto la mattina. Il prezzo comprende "
                "anche la spesa?"),
    ("provider", "Buongiorno! Sì, la spesa settimanale è compresa. Possiamo venire a "
                 "conoscervi prima di iniziare."),
    ("citizen", "Perfetto, grazie. Va bene giovedì alle 10?"),
]
ARABIC_THREAD = [
    ("citizen", "مرحبا، أحتاج إلى مساعدة لوالدي في الصباح. هل يتحدث أحد العاملين العربية؟"),
    ("provider", "مرحبا! نعم، لدينا عاملة تتحدث العربية والإيطالية."),
]
# (fixed uuid, citizen, language, what happens, description)
DEMO = [
    ("5eed0001-0000-4000-8000-000000000001", CITIZEN, "it", "waiting",
     "Assistenza per mia madre cinque mattine a settimana: igiene personale e pranzo."),
    ("5eed0001-0000-4000-8000-000000000002", CITIZEN, "it", "quoted",
     "Una badante per mio padre, dal lunedì al venerdì, dalle 8 alle 12."),
    ("5eed0001-0000-4000-8000-000000000003", CITIZEN, "it", "ordered",
     "Aiuto per la spesa e le pulizie due volte a settimana."),
    ("5eed0001-0000-4000-8000-000000000004", CITIZEN, "it", "expired",
     "Compagnia e accompagnamento alle visite mediche."),
    ("5eed0001-0000-4000-8000-000000000005", ARABIC_CITIZEN, "ar", "quoted",
     "مساعدة لوالدي في الصباح، ثلاثة أيام في الأسبوع."),
]


class Command(BaseCommand):
    help = "Demo quote requests (waiting, quoted by two, accepted and paid, expired; Arabic)."

    def handle(self, *args, **options):
        need, zone, candidates = self.demo_need_and_zone()
        for key, email, language, state, description in DEMO:
            if QuoteRequest.objects.filter(uuid=key).exists():
                continue
            citizen = User.objects.filter(email=email).first()
            if citizen is None:
                raise CommandError(f"{email} does not exist: run seed_offers first.")
            with transaction.atomic(), translation.override(language):
                self.build(uuid.UUID(key), citizen, language, state, description, need, zone,
                           candidates)
        operator = User.objects.filter(email=OPERATOR).first()
        if operator is not None:
            operator.groups.add(grant_quote_statistics())
        staff = [self.staff_of(provider) for _service, provider in candidates[:3]]
        self.stdout.write(self.style.SUCCESS("Demo quote requests ready."))
        self.stdout.write(f"  citizen  {CITIZEN} and {ARABIC_CITIZEN} (Arabic thread): "
                          "/it/shop/accounts/quotes/")
        for user in staff:
            if user is not None:
                self.stdout.write(
                    f"  provider {user.email} / wemi-provider: /cms/marketplace/quotes/"
                )

    def demo_need_and_zone(self):
        """A need (not a category) and a neighbourhood with at least three providers."""
        zones = Zone.objects.in_default_locale().filter(parent__isnull=False).order_by("pk")
        for need in Need.objects.in_default_locale().filter(parent__isnull=False).order_by("pk"):
            for zone in zones:
                candidates = [
                    (service, provider)
                    for service, provider in matching.candidate_services(need, zone)
                    if self.staff_of(provider) is not None
                ]
                if len(candidates) >= 3:
                    return need, zone, candidates
        raise CommandError("No need has three providers in one zone: run seed_content first.")

    @staticmethod
    def staff_of(provider):
        group = provider.staff_group
        return group.user_set.order_by("pk").first() if group else None

    def build(self, key, citizen, language, state, description, need, zone, candidates):
        today = timezone.localdate()
        chosen = candidates[:3] if state != "quoted" or language == "it" else candidates[1:3]
        request = workflow.send_request(
            citizen,
            [matching.offer_of(service, provider) for service, provider in chosen],
            uuid=key, need=need, description=description,
            for_whom="Mia madre, 82 anni" if language == "it" else "والدي، 79 سنة",
            people=1, period_start=today + datetime.timedelta(days=10),
            days_times="Lun-Ven 8-12" if language == "it" else "الإثنين والأربعاء والجمعة 9-12",
            zone=zone, address="Via Padova 21", language=language,
            respond_by=today + datetime.timedelta(days=(-1 if state == "expired" else 6)),
        )
        quotes = list(request.quotes.select_related("partner").order_by("pk"))
        staff = {quote.pk: self.staff_of(provider) for quote, (_s, provider)
                 in zip(quotes, chosen, strict=True)}
        thread = ARABIC_THREAD if language == "ar" else ITALIAN_THREAD
        if state == "waiting":
            self.talk(quotes[0], citizen, staff[quotes[0].pk], thread[:1])
        if state in ("quoted", "ordered"):
            for number, quote in enumerate(quotes[:2]):
                workflow.answer(
                    quote, staff[quote.pk], unit="hour", quantity=Decimal("40"),
                    unit_price=Decimal("17.50") + number * 2,
                    included="Igiene personale, pranzo, spesa settimanale",
                    proposed_start=today + datetime.timedelta(days=10),
                    valid_until=today + datetime.timedelta(days=20),
                )
            if len(quotes) > 2:
                workflow.decline(quotes[2], staff[quotes[2].pk],
                                 "Non abbiamo operatori liberi la mattina in questo periodo.")
            self.talk(quotes[0], citizen, staff[quotes[0].pk], thread)
        if state == "ordered":
            workflow.accept(quotes[0], citizen)
            self.pay(citizen, quotes[0])
        if state == "expired":
            workflow.expire_due(today)

    @staticmethod
    def talk(quote, citizen, staff, lines):
        for side, body in lines:
            author = citizen if side == "citizen" else staff
            workflow.post_message(quote, author, side, body)

    @staticmethod
    def pay(citizen, quote):
        quote.refresh_from_db()
        stockrecord = pricing.offer_for(quote, _quote_title(quote))
        basket = Basket.objects.create(owner=citizen)
        basket.strategy = Selector().strategy(user=citizen)
        basket.add_product(stockrecord.product, 1, [
            {"option": pricing.quote_option(), "value": str(quote.uuid)},
            *_booking_options(quote),
        ])
        shipping = NoShippingRequired()
        charge = shipping.calculate(basket)
        OrderCreator().place_order(
            basket=basket, total=OrderTotalCalculator().calculate(basket, charge),
            shipping_method=shipping, shipping_charge=charge, user=citizen,
        )
        basket.submit()
        if quote.__class__.objects.get(pk=quote.pk).status != statuses.ORDERED:
            raise CommandError("The demo quote could not be paid.")
