"""The demo's "Milano 0-18" catalogue: 48 activities for minors, translated, with offers.

Run after ``seed_translations`` and ``seed_offers`` (it adds its own offers, free or paid).
Re-runnable: activities are found again by provider and slug, translations and offers are
kept; a second run changes nothing.
"""

import html

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils.text import slugify
from oscar.core.loading import get_model
from wagtail.models import Locale

from content.core.demo.minors import activities
from content.core.languages import synchronise_language_trees
from content.core.translations import is_translated, target_locales, translate
from content.providers.models import ProviderPage
from content.services.models import ServiceLanguage, ServicePage
from content.taxonomy.models import Audience, Need, Zone
from marketplace import factories
from marketplace.defaults import ensure_all

StockRecord = get_model("partner", "StockRecord")
AUDIENCES = ("bambini-e-ragazzi", "famiglie")


class Catalog:
    """``{Italian text: translation}`` for one language, read through HTML escaping (rich
    text segments come out of wagtail-localize with ``&#x27;`` for an apostrophe)."""

    def __init__(self, pairs):
        self.pairs = {html.unescape(source): target for source, target in pairs}

    def __call__(self, text):
        return self.pairs.get(html.unescape(text))


class Command(BaseCommand):
    help = "Create the demo's Milano 0-18 catalogue: activities for minors, with offers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: pass --force only on a throw-away database.")
        plan = activities()
        with transaction.atomic(), override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False):
            ensure_all()
            pages, created = self.build_pages(plan)
            synchronise_language_trees()
            translated = self.translate(pages)
            offers = self.build_offers(pages)
        free = sum(activity.free for activity, _page in pages)
        self.stdout.write(
            self.style.SUCCESS(
                f"Milano 0-18: {len(pages)} activities ({created} new, {free} free), "
                f"{translated} translations, {offers} new offers."
            )
        )

    def build_pages(self, plan):
        italian = Locale.get_default()
        providers = {
            page.slug: page for page in ProviderPage.objects.filter(locale=italian)
        }
        needs = {need.slug: need for need in Need.objects.filter(locale=italian)}
        audiences = list(Audience.objects.filter(locale=italian, slug__in=AUDIENCES))
        municipi = {
            zone.number: zone
            for zone in Zone.objects.filter(locale=italian, parent__isnull=True)
        }
        pages, created = [], 0
        for number, activity in enumerate(plan):
            provider = providers.get(activity.provider)
            if provider is None:
                self.stderr.write(f"  no provider {activity.provider}: {activity.slug} skipped")
                continue
            slug = f"{activity.slug}-municipio-{activity.municipio}"
            page = ServicePage.objects.child_of(provider).filter(slug=slug).first()
            if page is None:
                texts = activity.texts()
                page = ServicePage(
                    title=texts["title"]["it"],
                    slug=slug,
                    summary=texts["summary"]["it"],
                    description=f"<p>{texts['description']['it']}</p>",
                    audience_description=f"<p>{texts['audience_description']['it']}</p>",
                    how_to_access=f"<p>{texts['how_to_access']['it']}</p>",
                    costs=f"<p>{texts['costs']['it']}</p>",
                    at_provider=True,
                    age_from=activity.age_from,
                    age_to=activity.age_to,
                    activity_kind=activity.kind,
                )
                page.needs = [needs[activity.need]]
                page.audiences = audiences
                page.zones = [municipi[activity.municipio]]
                for code in ("it", "en", "ar")[: 1 + number % 3]:
                    page.languages.add(ServiceLanguage(code=code))
                provider.add_child(instance=page)
                page.save_revision().publish()
                created += 1
            pages.append((activity, page))
        return pages, created

    def translate(self, pages):
        done = 0
        for locale in target_locales():
            code = locale.language_code
            for activity, page in pages:
                if is_translated(page, locale):
                    continue
                texts = activity.texts()
                catalog = Catalog((field[settings.LANGUAGE_CODE], field[code])
                                  for field in texts.values())
                slug = page.slug
                if code in ("en", "es"):
                    slug = slugify(texts["title"][code]) or slug
                result = translate(page, locale, catalog, extra={"slug": slug})
                if result.missing:
                    self.stderr.write(f"  {page.title} ({code}): untranslated {result.missing}")
                done += 1
        return done

    def build_offers(self, pages):
        created = 0
        for activity, page in pages:
            sku = f"WEMI-018-{page.slug}"[:128]
            if StockRecord.objects.filter(partner_sku=sku).exists():
                continue
            factories.make_offer(
                page,
                price=activity.price,
                unit="session",
                pricing_kind="free" if activity.free else "market",
                capacity=12 + len(page.slug) % 10,
                sku=sku,
            )
            created += 1
        return created
