"""Translate the Milan demo into English, Arabic, Chinese and Spanish (after seed_content).

Everything goes through wagtail-localize's machinery (``content.core.translations``), so the
admin's translation editor shows real translations that editors can revise. The texts come
from the demo translation memory (``content/core/demo/translations/*.yaml``). Pages the memory
cannot translate completely stay untranslated: their aliases show the Italian text with a
notice. Re-runnable: existing translations are kept unless ``--refresh``.
"""

import time
from itertools import zip_longest

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Prefetch
from django.test.utils import override_settings
from wagtail.models import Locale

from content.core.demo.translation_memory import TranslationMemory
from content.core.languages import pages_per_language, synchronise_language_trees
from content.core.models import HomePage, StandardPage
from content.core.translations import (
    is_translated,
    missing_strings,
    target_locales,
    translate,
)
from content.news.models import NewsIndexPage
from content.providers.models import ProviderIndexPage
from content.services.models import ServiceIndexPage, ServicePage
from content.spaces.models import SpaceIndexPage, SpacePage
from content.taxonomy.models import Audience, Need, Zone

GUIDE_SLUGS = [
    "come-funziona",
    "contributi-economici",
    "dichiarazione-di-accessibilita",
    "faq",
    "privacy",
    "note-legali",
]


class Command(BaseCommand):
    help = "Translate the demo (taxonomy, home, guides, Spazi, services) with wagtail-localize."

    def add_arguments(self, parser):
        parser.add_argument(
            "--services",
            type=int,
            default=36,
            help=(
                "How many services to translate: the memory's fully covered ones, taken from "
                "every need category in turn (services_by_category)."
            ),
        )
        parser.add_argument(
            "--refresh", action="store_true", help="Translate again what is already translated."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )

    def handle(self, *args, services=36, refresh=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: pass --force only on a throw-away database.")
        started = time.monotonic()
        self.refresh = refresh
        # Translating an alias gives it (and every page under it) a translated slug: Wagtail's
        # redirects app would then keep a redirect from each untranslated address, hundreds
        # per language under "Enti erogatori", for addresses that were never public.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False):
            self.stdout.write("Synchronising every language tree from Italian (aliases)...")
            synchronise_language_trees()
            italian = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
            for locale in target_locales():
                memory = TranslationMemory(locale.language_code)
                self.stdout.write(self.style.MIGRATE_HEADING(f"==> {locale.language_code}"))
                with transaction.atomic():
                    self.translate_taxonomy(memory, locale, italian)
                    self.translate_pages(memory, locale, italian, services)
        self.report(time.monotonic() - started)

    # Taxonomy ---------------------------------------------------------------------------

    def translate_taxonomy(self, memory, locale, italian):
        done = incomplete = 0
        terms = [
            *Need.objects.filter(locale=italian, parent__isnull=True),
            *Need.objects.filter(locale=italian, parent__isnull=False),
            *Zone.objects.filter(locale=italian, parent__isnull=True),
            *Zone.objects.filter(locale=italian, parent__isnull=False),
            *Audience.objects.filter(locale=italian),
        ]
        for term in terms:
            if is_translated(term, locale) and not self.refresh:
                done += 1
                continue
            extra = {}
            if isinstance(term, Zone) and term.kind == Zone.Kind.QUARTIERE:
                # Neighbourhoods are place names: the same on every street sign.
                extra["name"] = term.name
            result = translate(term, locale, memory, extra=extra)
            done += 1
            incomplete += bool(result.missing)
        self.stdout.write(f"  taxonomy: {done} terms ({incomplete} with Italian left)")

    # Pages ------------------------------------------------------------------------------

    def translate_pages(self, memory, locale, italian, service_count):
        pages = self.pages_to_translate(italian)
        translated = skipped = 0
        for page in pages:
            if self._translate_page(page, memory, locale):
                translated += 1
            else:
                skipped += 1
        services = 0
        for service in services_by_category(italian):
            if services >= service_count:
                break
            if self._translate_page(service, memory, locale):
                services += 1
        self.stdout.write(
            f"  pages: {translated} translated, {skipped} not covered by the memory; "
            f"services: {services}"
        )

    def pages_to_translate(self, italian):
        home = HomePage.objects.filter(locale=italian).first()
        if home is None:
            return []
        pages = [home]
        for model in (ServiceIndexPage, ProviderIndexPage, SpaceIndexPage, NewsIndexPage):
            pages.extend(model.objects.child_of(home).filter(locale=italian))
        guides = {page.slug: page for page in StandardPage.objects.child_of(home)}
        pages.extend(guides[slug] for slug in GUIDE_SLUGS if slug in guides)
        pages.extend(SpacePage.objects.filter(locale=italian).order_by("path"))
        return [page.specific for page in pages]

    def _translate_page(self, page, memory, locale):
        page = page.specific
        if is_translated(page, locale) and not self.refresh:
            return True
        missing = missing_strings(page, memory)
        if missing:
            self.stdout.write(
                f"  - {page.title}: {len(missing)} strings not in the memory, left as alias"
            )
            return False
        # The home page's slug is not part of any URL: it keeps its own.
        slug = page.slug if page.depth == 2 else memory.slug(page.title, page.slug)
        result = translate(page, locale, memory, extra={"slug": slug})
        self.stdout.write(f"  + {page.title} -> {result.instance.title}")
        return True

    # Report -----------------------------------------------------------------------------

    def report(self, elapsed):
        call_command("translation_report", stdout=self.stdout)
        # Last, so that seed_milano's summary (a step's last line) tells what was done.
        translated = {
            code: pages for code, (pages, _aliases) in pages_per_language().items()
            if code != settings.LANGUAGE_CODE
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"Translations done in {elapsed:.1f} s: "
                + ", ".join(f"{code} {pages} pages" for code, pages in translated.items())
                + "."
            )
        )


def services_by_category(italian):
    """Live Italian services, one from each need category in turn (then the next of each...),
    so that any number of them is a fair sample of every category: the first of the
    children's services comes as early as the first of the home care ones."""
    from content.taxonomy.models import Need

    services = (
        ServicePage.objects.filter(locale=italian)
        .live()
        .order_by("path")
        .prefetch_related(Prefetch("needs", queryset=Need.objects.select_related("parent")))
    )
    by_category = {}
    for service in services:
        categories = sorted(
            need.parent.slug if need.parent_id else need.slug for need in service.needs.all()
        )
        by_category.setdefault(categories[0] if categories else "", []).append(service)
    return [
        service
        for round_ in zip_longest(*by_category.values())
        for service in round_
        if service is not None
    ]
