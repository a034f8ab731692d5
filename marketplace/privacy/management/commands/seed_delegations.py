"""Demo delegations: the demo citizen authorises the first Spazio's operator, and an
assisted citizen (no e-mail) is registered at that Spazio's desk. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Locale

from content.spaces.models import SpaceOperator, SpacePage
from marketplace.privacy import rules
from marketplace.privacy.models import AssistedAccount, Delegation

DEMO_CITIZEN = "cittadino@wemi.example"
ASSISTED = {
    "first_name": "Giuseppina",
    "last_name": "Brambilla",
    "fiscal_code": "BRMGPP41A41F205X",
    "phone": "+39 02 8846 1234",
    "document": "Carta d'identità CA00000AA (demo)",
}
#: A minimal one-page PDF standing for the scan of the signed form (demo only).
DEMO_CONSENT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 62>>stream\nBT /F1 14 Tf 72 770 Td (Modulo di consenso - demo WeMi) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Command(BaseCommand):
    help = "Seed an active authorisation for the demo citizen and an assisted citizen."

    def handle(self, *args, **options):
        User = get_user_model()
        first_space = (
            SpacePage.objects.filter(locale=Locale.get_default())
            .filter(translation_key__in=SpaceOperator.objects.values("space_key"))
            .order_by("path")
            .first()
        )
        if first_space is None:
            raise CommandError("No Spazio WeMi has an operator: run seed_content first.")
        operator_row = (
            SpaceOperator.objects.filter(space_key=first_space.translation_key)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        operator = operator_row.user
        citizen = User.objects.filter(email=DEMO_CITIZEN).first()
        if citizen is None:
            raise CommandError(f"{DEMO_CITIZEN} does not exist: run seed_offers first.")
        now = timezone.now()
        if not Delegation.objects.filter(
            operator=operator, citizen=citizen, revoked_at__isnull=True, ends_at__gt=now
        ).exists():
            Delegation.objects.create(
                operator=operator,
                citizen=citizen,
                purposes=[rules.PURCHASE, rules.ORDERS],
                granted_via=Delegation.GrantedVia.CITIZEN_ONLINE,
                space_key=first_space.translation_key,
                starts_at=now - datetime.timedelta(days=1),
                ends_at=now + datetime.timedelta(days=180),
                created_by=citizen,
            )
        assisted = AssistedAccount.objects.filter(fiscal_code=ASSISTED["fiscal_code"]).first()
        if assisted is None:
            user = User.objects.create(
                email=f"{ASSISTED['fiscal_code'].lower()}@assisted.invalid",
                first_name=ASSISTED["first_name"],
                last_name=ASSISTED["last_name"],
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            assisted = AssistedAccount.objects.create(
                user=user,
                fiscal_code=ASSISTED["fiscal_code"],
                phone=ASSISTED["phone"],
                document=ASSISTED["document"],
                space_key=first_space.translation_key,
                registered_by=operator,
            )
        if not Delegation.objects.filter(
            operator=operator, citizen=assisted.user, revoked_at__isnull=True, ends_at__gt=now
        ).exists():
            delegation = Delegation(
                operator=operator,
                citizen=assisted.user,
                purposes=[rules.PURCHASE, rules.ORDERS],
                granted_via=Delegation.GrantedVia.DESK_SIGNED,
                space_key=first_space.translation_key,
                starts_at=now - datetime.timedelta(days=1),
                ends_at=now + datetime.timedelta(days=365),
                created_by=operator,
            )
            delegation.evidence_document.save(
                "consenso-demo.pdf", ContentFile(DEMO_CONSENT_PDF), save=False
            )
            delegation.save()
        self.stdout.write(
            f"Delegations: {citizen.email} authorised {operator.email} ({first_space.title}); "
            f"assisted citizen {assisted.user.get_full_name()} ({assisted.fiscal_code}) "
            f"registered at the desk"
        )
