from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.engines import SearchUnavailable, get_engine
from search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the site search index from the live service pages. With Elasticsearch, "
        "fills a new versioned index and swaps the alias: searches keep working meanwhile."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["database", "elasticsearch"],
            help=f"Engine to rebuild (default: SEARCH_ENGINE, now {settings.SEARCH_ENGINE!r}).",
        )

    def handle(self, *args, engine=None, **options):
        search_engine = get_engine(engine)
        try:
            count = rebuild_index(search_engine)
        except SearchUnavailable as error:
            raise CommandError(
                f"The {search_engine.name} search engine is unavailable: {error}"
            ) from error
        self.stdout.write(
            f"Indexed {count} service documents with the {search_engine.name} engine."
        )
