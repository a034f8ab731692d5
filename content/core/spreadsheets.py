"""Cells of every CSV file the project writes, made safe to open in a spreadsheet.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets: a service address typed by a citizen as
``=cmd|' /C calc'!A0`` ran a command on the provider's computer that opened the export.
Such cells get a leading apostrophe, the escape the spreadsheets themselves use for
"text, not formula" (OWASP, "CSV Injection"). Numbers are left alone (``-3`` stays a
number). One helper for every writer:

- our own exports call :func:`csv_writer` (or :func:`neutralise_row`);
- Wagtail's admin exports (reports, listings) and Oscar's dashboard reports write through
  their own classes; :func:`protect_wagtail_exports` and :func:`protect_oscar_writer`
  (called once from the apps' ``ready()``) make them pass rows through it as well.
"""

import csv
import re
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
# Full-width and other look-alikes that some spreadsheets fold to the ASCII sign.
FORMULA_LOOKALIKES = ("＝", "＋", "－", "＠")
# A phone number in international form ("+39 333 123 4567"): digits and spaces after the plus
# call no function and reference no cell, so it stays as the provider will dial it.
INTERNATIONAL_PHONE = re.compile(r"\+\d[\d ]*")


def neutralise_cell(value):
    """``value`` made inert: text read as a formula gets a leading ``'``; others unchanged.

    ``neutralise_cell("=1+1")`` is ``"'=1+1"``; ``neutralise_cell(-3)`` is ``-3``;
    ``neutralise_cell("-")`` is ``"'-"``; ``neutralise_cell("+39 02 1234567")`` (a phone
    number: digits and spaces only) is unchanged, ``neutralise_cell("+39+A1")`` is not.
    """
    if isinstance(value, (int, float, Decimal)) or value is None:
        return value
    text = str(value)
    stripped = text.lstrip(" \u00a0")
    if INTERNATIONAL_PHONE.fullmatch(stripped):
        return value
    if stripped.startswith(FORMULA_PREFIXES + FORMULA_LOOKALIKES):
        return "'" + text
    return value


def neutralise_row(row):
    """A list (or dict, by value) of cells, each through :func:`neutralise_cell`."""
    if isinstance(row, dict):
        return {key: neutralise_cell(value) for key, value in row.items()}
    return [neutralise_cell(value) for value in row]


class SafeWriter:
    """``csv.writer`` whose rows are neutralised; ``writerow`` returns what csv's returns."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(stream, **options):
    """A CSV writer over ``stream`` (anything with ``write``) that neutralises every cell."""
    return SafeWriter(stream, **options)


def protect_wagtail_exports():
    """Make Wagtail's spreadsheet exports (reports, listings) neutralise their CSV rows.

    Idempotent. Wagtail writes every CSV row of every export through
    ``SpreadsheetExportMixin.write_csv_row``; it is wrapped once here rather than in each
    of its many views. Called from ``content.core``'s ``ready()``.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "neutralises", False):
        return

    def write_csv_row(self, writer, row_dict):
        processed = {
            field: self.preprocess_field_value(field, value, self.FORMAT_CSV)
            for field, value in row_dict.items()
        }
        return writer.writerow(neutralise_row(processed))

    write_csv_row.neutralises = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row


def protect_oscar_writer():
    """Make Oscar's CSV writer (dashboard reports and downloads) neutralise its rows.

    Idempotent; called from the marketplace's ``ready()``.
    """
    from oscar.core.compat import UnicodeCSVWriter

    if getattr(UnicodeCSVWriter.writerow, "neutralises", False):
        return
    oscar_writerow = UnicodeCSVWriter.writerow

    def writerow(self, row):
        return oscar_writerow(self, neutralise_row(list(row)))

    writerow.neutralises = True
    UnicodeCSVWriter.writerow = writerow
