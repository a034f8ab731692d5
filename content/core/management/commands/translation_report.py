"""Print how far the portal is translated: pages per language, then the UI catalogs."""

from django.core.management.base import BaseCommand

from content.core.catalogs import catalog_paths, catalog_status
from content.core.languages import pages_per_language


class Command(BaseCommand):
    help = "Pages per language (translated / untranslated aliases) and UI catalog completeness."

    def handle(self, *args, **options):
        self.stdout.write("Pages per language (translated / untranslated, shown in Italian):")
        for code, (translated, aliases) in pages_per_language().items():
            self.stdout.write(f"  {code:<8} {translated:>5} / {aliases}")
        self.stdout.write("UI message catalogs (locale/<language>/LC_MESSAGES/django.po):")
        for path in catalog_paths():
            status = catalog_status(path)
            note = f"  [{status.review_note}]" if status.review_note else ""
            self.stdout.write(
                f"  {status.language:<8} {status.translated:>4}/{status.total} translated "
                f"({status.percent:.1f} %), {len(status.fuzzy)} fuzzy, "
                f"{len(status.untranslated)} empty{note}"
            )
