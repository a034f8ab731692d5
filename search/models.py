"""The search app's data: the denormalised search documents and the Comune's price bands.

``SearchDocument`` holds one row per live service page per locale, maintained by
``search.indexing`` after every commit that changes a service, its facts or its offers.
It is what the database engine queries; the Elasticsearch engine indexes the same documents.
"""

import json
from decimal import Decimal

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language_bidi, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class SearchTerm(models.Model):
    """A facet value as a ``"facet:value"`` string, numbered for ``SearchDocument.term_ids``.

    Numbers are given on first use and never change or go away (a term no document carries
    any more is just an unused row), so documents indexed concurrently agree on them.
    """

    id = models.AutoField(primary_key=True)
    term = models.TextField(unique=True)

    def __str__(self):
        return self.term


class TermIdsField(models.Field):
    """A list of ``SearchTerm`` numbers: ``integer[]`` on PostgreSQL, JSON text elsewhere.

    A real array lets one GIN index answer "carries any of these terms" exactly (no recheck)
    and counting unnest plain integers; SQLite reads the JSON list with ``json_each``.
    """

    def db_type(self, connection):
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        return list(value) if connection.vendor == "postgresql" else json.dumps(list(value))

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)


class SearchDocument(models.Model):
    """A live service page in one locale, flattened for searching.

    ``term_ids`` numbers every facet value the document carries (``SearchTerm``: zones
    already expanded to the Municipio/quartiere semantics, see
    ``search.documents.expand_zones``), so one array answers both filters and counts.
    """

    page_id = models.PositiveIntegerField(unique=True)
    translation_key = models.UUIDField(db_index=True)
    language = models.CharField(max_length=12, db_index=True)
    title = models.CharField(max_length=255)
    sort_title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    provider_title = models.CharField(max_length=255)
    zones = models.JSONField(default=list)
    serves_whole_city = models.BooleanField(default=False)
    audiences = models.JSONField(default=list)
    price_from = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    price_unit = models.CharField(max_length=20, blank=True)
    # What a household pays is computed per search from these (``search.query.price_order``):
    # the lowest full Comune tariff of the accredited offers and the lowest price of the
    # market or free offers, in whole cents.
    tariff_cents = models.BigIntegerField(null=True)
    tariff_unit = models.CharField(max_length=20, blank=True)
    market_cents = models.BigIntegerField(null=True)
    market_unit = models.CharField(max_length=20, blank=True)
    term_ids = TermIdsField(default=list)
    # Lower-cased, accent-free words: SQLite's FTS5 tables index them (with ``sort_title``);
    # Chinese is matched by substring in them on both databases.
    search_text = models.TextField(blank=True)
    # PostgreSQL only (filled by the indexer with the locale's text search configuration).
    search_vector = SearchVectorField(null=True)

    class Meta:
        indexes = [models.Index(fields=["language", "sort_title"], name="search_doc_lang_title")]

    def __str__(self):
        return f"{self.title} ({self.language})"


class PendingSearchUpdate(models.Model):
    """A request to re-index one service, kept until the search engine has taken it.

    Written after every commit that changes a service (``search.indexing.request_updates``);
    applied by the indexing task or, when the engine was unreachable, by the scheduled job
    ``reindex_pending_search_updates`` after ``next_attempt_at`` (growing back-off). Applied
    requests are kept a day: a rebuild re-applies those made while it ran (numbers greater
    than the last one when it started), then they are pruned.
    """

    translation_key = models.CharField(max_length=64, db_index=True)
    requested_at = models.DateTimeField(default=timezone.now)
    applied = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["applied", "next_attempt_at"], name="search_pending_due"),
        ]

    def __str__(self):
        return f"{self.translation_key} ({'applied' if self.applied else 'pending'})"


class PriceBand(models.Model):
    """A band of the full price per unit, as the Comune defines them for the price facet.

    A price ``p`` is in the band when ``above < p <= up_to``; an empty bound is open.
    ``up_to = 0`` with no lower bound is the "free" band.
    """

    above = models.DecimalField(
        _("more than (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for no lower bound."),
    )
    up_to = models.DecimalField(
        _("up to (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for no upper bound. 0 with no lower bound means free."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [FieldRowPanel([FieldPanel("above"), FieldPanel("up_to")]), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "up_to"]
        verbose_name = _("price band")
        verbose_name_plural = _("price bands")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(above__isnull=True)
                | models.Q(up_to__isnull=True)
                | models.Q(up_to__gt=models.F("above")),
                name="price_band_bounds_in_order",
            )
        ]

    def __str__(self):
        return str(self.label)

    @property
    def key(self):
        """Stable identifier used in URLs: ``free``, ``-10``, ``10-20``, ``35-``."""
        if self.is_free:
            return "free"
        return f"{_plain(self.above)}-{_plain(self.up_to)}"

    @property
    def is_free(self):
        return self.above is None and self.up_to is not None and self.up_to <= 0

    @property
    def label(self):
        if self.is_free:
            return gettext("Free")
        if self.above is None:
            return gettext("Up to %(max)s €") % {"max": _plain(self.up_to)}
        if self.up_to is None:
            return gettext("Over %(min)s €") % {"min": _plain(self.above)}
        figures = {"min": _plain(self.above), "max": _plain(self.up_to)}
        label = gettext("%(min)s–%(max)s €") % figures
        # Only figures: in a right-to-left language the range would read "€ 10–0"; a
        # left-to-right isolate (U+2066 … U+2069) keeps "0–10 €" in any surrounding text.
        return f"\u2066{label}\u2069" if get_language_bidi() else label

    def contains(self, price):
        if price is None:
            return False
        if self.above is not None and not price > self.above:
            return False
        return self.up_to is None or price <= self.up_to


def _plain(amount):
    if amount is None:
        return ""
    amount = Decimal(amount)
    return str(amount.quantize(Decimal(1))) if amount == amount.to_integral() else str(amount)


DEFAULT_PRICE_BANDS = [(None, 0), (0, 10), (10, 20), (20, 35), (35, None)]


def current_price_bands():
    """The Comune's price bands, or the default ones when none are configured."""
    bands = list(PriceBand.objects.all())
    if bands:
        return bands
    return [
        PriceBand(
            above=None if above is None else Decimal(above),
            up_to=None if up_to is None else Decimal(up_to),
            sort_order=position,
        )
        for position, (above, up_to) in enumerate(DEFAULT_PRICE_BANDS)
    ]
