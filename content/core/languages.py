"""Language trees: every language is synchronised from the default one (Italian).

wagtail-localize's locale synchronisation keeps, in every other language, an alias of each
Italian page until it is translated. The admin creates aliases when a page is first published;
pages built in code (the demo seeder, tests) get them from :func:`synchronise_language_trees`.
Only live pages are aliased: a draft reaches the other languages when it is first published
(``content.core.drafts``).
"""

from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from .drafts import live_page_index


def ensure_locale_synchronisation():
    """Every non-default Locale syncs from the default one (what migration 0003 sets up)."""
    default = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    for locale in Locale.objects.exclude(pk=default.pk):
        # .update_or_create would fire the post_save sync for every row; sync once below.
        if not LocaleSynchronization.objects.filter(locale=locale).exists():
            LocaleSynchronization.objects.bulk_create(
                [LocaleSynchronization(locale=locale, sync_from=default)]
            )


def synchronise_language_trees():
    """Create the missing aliases in every synchronised language; returns how many pages
    each language has afterwards."""
    ensure_locale_synchronisation()
    page_index = live_page_index().sort_by_tree_position()  # drafts wait for approval
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale, page_index=page_index)
    return pages_per_language()


def pages_per_language():
    """``{language code: (translated pages, untranslated aliases)}`` below the root."""
    from wagtail.models import Page

    counts = {}
    for locale in Locale.objects.order_by("pk"):
        pages = Page.objects.filter(locale=locale, depth__gt=1)
        counts[locale.language_code] = (
            pages.filter(alias_of__isnull=True).count(),
            pages.filter(alias_of__isnull=False).count(),
        )
    return counts
