"""The UI's message catalogs (``locale/<lang>/LC_MESSAGES/django.po``): compile and measure.

``make install`` compiles them with Django's ``compilemessages`` (GNU msgfmt); the test suite
compiles stale ones with polib so that a fresh clone's tests see the translated UI.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings


def catalog_paths(domain="django"):
    """The PO files under ``LOCALE_PATHS``, by Django language code directory name."""
    paths = []
    for locale_path in settings.LOCALE_PATHS:
        paths.extend(sorted(Path(locale_path).glob(f"*/LC_MESSAGES/{domain}.po")))
    return paths


def compile_stale_catalogs():
    """Write the .mo of every PO file that has none or an older one; returns those written."""
    written = []
    for po_path in catalog_paths():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Write beside the target and rename: parallel test runs may compile at once.
        handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
        os.close(handle)
        polib.pofile(str(po_path)).save_as_mofile(temporary)
        os.replace(temporary, mo_path)
        written.append(mo_path)
    return written


@dataclass
class CatalogStatus:
    language: str
    total: int
    translated: int
    fuzzy: list
    untranslated: list
    review_note: str

    @property
    def percent(self):
        return 100.0 if not self.total else 100.0 * self.translated / self.total


def catalog_status(po_path):
    """Counts of a PO file: entries, translated, fuzzy and empty ones (obsolete ignored)."""
    catalog = polib.pofile(str(po_path))
    entries = [entry for entry in catalog if not entry.obsolete]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    untranslated = [
        entry.msgid
        for entry in entries
        if "fuzzy" not in entry.flags and not _is_translated(entry)
    ]
    return CatalogStatus(
        language=po_path.parent.parent.name,
        total=len(entries),
        translated=len(entries) - len(fuzzy) - len(untranslated),
        fuzzy=fuzzy,
        untranslated=untranslated,
        review_note=catalog.metadata.get("X-Translation-Status", ""),
    )


def _is_translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)
