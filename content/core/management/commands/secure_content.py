"""Bring an existing database in line with decision 0010 (what each role may see).

Idempotent; safe on a live site. It:

1. copies every page's view restrictions to its translations and aliases (where members of a
   family disagree, a restricted member wins over a public one, the Italian page over others);
2. deletes the aliases that older versions created of pages never published (drafts);
3. makes every provider's upload collection private (editors and that provider's staff);
4. makes public the documents and images that live pages use (moved to the public counterpart
   of their private collection).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, PageViewRestriction

from content.core.drafts import remove_draft_aliases
from content.core.restrictions import copy_view_restrictions
from content.core.uploads import media_used_by, publish_media


class Command(BaseCommand):
    help = "Private pages private in every language, no draft aliases, private uploads."

    @transaction.atomic
    def handle(self, *args, **options):
        from content.providers.models import ProviderPage
        from content.providers.permissions import ensure_provider_staff_group

        restricted = Page.objects.filter(
            pk__in=PageViewRestriction.objects.values("page_id")
        ).select_related("locale")
        # The Italian pages last: where a family disagrees, the Italian restriction is kept.
        ordered = sorted(
            restricted, key=lambda page: page.locale.language_code == settings.LANGUAGE_CODE
        )
        synchronised = sum(len(copy_view_restrictions(page)) for page in ordered)

        removed = remove_draft_aliases()

        providers = ProviderPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, alias_of__isnull=True
        )
        for provider in providers:
            ensure_provider_staff_group(provider)

        moved = []
        for page in Page.objects.live().filter(alias_of__isnull=True).specific().iterator():
            moved += publish_media(media_used_by(page))

        self.stdout.write(
            f"{synchronised} translations or aliases given their page's restrictions, "
            f"{removed} draft aliases removed, {providers.count()} provider upload collections "
            f"private, {len(moved)} documents or images used by live pages made public."
        )
