"""Bring every language alias to its original's slug and place (after data made before
aliases followed renames and moves)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from content.core.alias_paths import align_all_aliases


class Command(BaseCommand):
    help = "Give every alias in the other languages its Italian original's slug and parent."

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = align_all_aliases()
        self.stdout.write(f"{changed} aliases renamed or moved.")
