"""The embedded engine: the ``SearchDocument`` table, queried with plain SQL aggregation.

Text: PostgreSQL full text with the locale's configuration (``TEXT_SEARCH_CONFIGS``) over a
``tsvector``; on SQLite, FTS5 tables over the normalised words (``FTS_TABLES``, every word or
its stem a prefix); substring matching of every word over normalised text for Chinese (which neither
database can split into words). Facets: each document carries the numbers of its
``facet:value`` terms (``SearchTerm``), an ``integer[]`` on PostgreSQL, GIN-indexed together
with the ``tsvector`` so that one index scan finds the documents of a search. A search is at
most three statements whatever its results: the numbers of the filtered terms, the total with
every facet's disjunctive counts, the page of hits.
"""

import json
import re
from collections import defaultdict
from decimal import Decimal
from os.path import commonprefix

import snowballstemmer
from django.db import connection, connections, transaction

from marketplace.pricing.rules import share_basis_points

from ..documents import WILDCARD_FACETS, normalize_text
from ..models import SearchDocument, SearchTerm
from ..query import PRICE_FACET, Hit, SearchResult
from ..words import indexed_words, search_words

# PostgreSQL text search configuration per content language; None = substring matching.
TEXT_SEARCH_CONFIGS = {
    "it": "italian",
    "en": "english",
    "es": "spanish",
    "ar": "simple",
    "zh-hans": None,
}
# SQLite FTS5 table per content language (migration 0004: each reads the documents of its
# languages through a view named ``<table>_source``); None = substring matching.
FTS_TABLES = {
    "it": "search_fts",
    "en": "search_fts_en",
    "es": "search_fts",
    "ar": "search_fts",
    "zh-hans": None,
}
DEFAULT_FTS_TABLE = "search_fts"  # what the migration's view gives any other language
# SQLite: the Snowball stemmers of PostgreSQL's configurations, for the languages whose FTS5
# table does not stem (English's has the porter tokenizer), applied to the query's words.
QUERY_STEMMERS = {"it": "italian", "es": "spanish"}
# PostgreSQL: the Snowball stemmers of its configurations, for every language it stems
# (its vectors hold stems; a prefix of the typed word would miss "servic" for "services").
POSTGRES_QUERY_STEMMERS = {"it": "italian", "es": "spanish", "en": "english"}
# A shorter stem would match too many words as a prefix ("cas" for "casa"): the word is kept.
MIN_STEM_PREFIX = 4
ALL_FTS_TABLES = ("search_fts", "search_fts_en")
# bm25() weights of the FTS columns (sort_title, search_text): title words first.
FTS_WEIGHTS = "10.0, 1.0"
# A word FTS5 can match holds a letter or a digit (anything else separates tokens).
_TOKEN_CHARACTER = re.compile(r"[^\W_]")
_WORD_RUN = re.compile(r"[^\W_]+")
TABLE = SearchDocument._meta.db_table
HIT_COLUMNS = ", ".join(
    f"d.{name}"
    for name in (
        "id page_id translation_key title summary url provider_title zones "
        "serves_whole_city audiences price_from price_unit "
        "tariff_cents tariff_unit market_cents market_unit"
    ).split()
)


def household_price_sql(share_percent):
    """SQL (and params) of the cents a household paying ``share_percent`` % of tariffs pays
    per unit for a document's cheapest offer; NULL for an unpriced service.

    Integer arithmetic, rounding half up as ``marketplace.pricing.rules.share_of`` does:
    ``(tariff_cents * basis_points + 5000) / 10000`` (integer division on both databases).
    """
    points = share_basis_points(share_percent)
    share = "((d.tariff_cents * %s + 5000) / 10000)"
    return (
        f"CASE WHEN d.tariff_cents IS NULL THEN d.market_cents "
        f"WHEN d.market_cents IS NULL OR {share} < d.market_cents THEN {share} "
        "ELSE d.market_cents END",
        [points, points],
    )


def _is_postgres():
    return connection.vendor == "postgresql"


def _fts_table(language):
    return FTS_TABLES.get(language, DEFAULT_FTS_TABLE)


def fts_match(text, language=None):
    """The FTS5 query for these words: all of them, each as a prefix; None if none can match.

    Every word is a quoted string (``"word"*``, inner quotes doubled), so user input is never
    FTS5 syntax; words without a letter or digit (``-``, ``:``, ``"``) are left out. Elided
    articles and clitics are taken off (``search.words``); Italian and Spanish words are cut
    to their stem (``search_prefix``).
    """
    words = [word for word in search_words(text, language) if _TOKEN_CHARACTER.search(word)]
    prefixes = [search_prefix(word, language) for word in words]
    return " AND ".join('"{}"*'.format(prefix.replace('"', '""')) for prefix in prefixes) or None


def search_prefix(word, language, stemmers=None):
    """The part of a (normalised) word that the words to find start with.

    FTS5 indexes whole words, so a stem is looked for as a prefix: "badanti" gives "badant",
    which finds "badante" too, as PostgreSQL's Italian configuration does. Snowball may also
    rewrite an ending ("assistenza" gives "assistent"): only the part the stem shares with
    the word is kept ("assisten").
    """
    algorithm = (QUERY_STEMMERS if stemmers is None else stemmers).get(language)
    if algorithm is None:
        return word
    stem = normalize_text(snowballstemmer.stemmer(algorithm).stemWord(word))
    shared = commonprefix([stem, word])
    return shared if len(shared) >= MIN_STEM_PREFIX else word


def postgres_tsquery(text, language):
    """PostgreSQL: the ``tsquery`` text (for the ``simple`` configuration) of these words.

    Every word must match a lexeme of the document. The vectors hold stems (the language's
    configuration), so each word gives the part its Snowball stem shares with it, as a
    prefix (``'badant':*``: "badanti" and "bada…" alike find "badante"), as on SQLite. When
    that part is too short (``MIN_STEM_PREFIX``: "casa" stems to "cas"), the word as a
    prefix or its stem exactly: ``('casa':* | 'cas')`` finds "casa" and "case" but not
    "cassa". Stop words are dropped (``search.words``); words are split where PostgreSQL's
    parser splits (at anything but a letter or digit), so the text holds only letters and
    digits inside its quotes. ``None`` when no word is left.
    """
    words = [part for word in search_words(text, language) for part in _WORD_RUN.findall(word)]
    algorithm = POSTGRES_QUERY_STEMMERS.get(language)
    terms = []
    for word in words:
        stem = (
            normalize_text(snowballstemmer.stemmer(algorithm).stemWord(word)) if algorithm else word
        )
        shared = commonprefix([stem, word])
        if len(shared) >= MIN_STEM_PREFIX or not algorithm:
            term = f"'{shared if algorithm else word}':*"
        else:
            term = f"('{word}':* | '{stem}')"
        if term not in terms:
            terms.append(term)
    return " & ".join(terms) or None


def _like_pattern(word):
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filter_terms(facet, values):
    """The terms a filter accepts: its values, and the whole city for a zone (any age for
    an age)."""
    terms = [f"{facet}:{value}" for value in values]
    if facet in WILDCARD_FACETS:
        terms.append(f"{facet}:{WILDCARD_FACETS[facet]}")
    return terms


def _term_numbers(query):
    """``{term: number}`` for the terms the query filters on (unknown terms are absent)."""
    terms = {
        term
        for facet, values in query.filters.items()
        if facet != PRICE_FACET
        for term in _filter_terms(facet, values)
    }
    if not terms:
        return {}
    return _known_term_numbers(terms)


def _known_term_numbers(terms):
    """``{term: number}`` for those of these terms that have been numbered."""
    return dict(SearchTerm.objects.filter(term__in=terms).values_list("term", "id"))


def forget_flushed_words(using="default", **kwargs):
    """``post_migrate`` receiver (``flush`` sends it too): empty FTS5 tables without documents.

    ``flush`` deletes every document but knows nothing of the FTS5 tables, whose entries would
    outlive their rows (and count in ``bm25()``) until the next rebuild.
    """
    database = connections[using]
    if database.vendor != "sqlite":
        return
    with database.cursor() as cursor:
        if not set(ALL_FTS_TABLES) <= set(database.introspection.table_names(cursor)):
            return  # migrated back before the FTS tables
        cursor.execute(f"SELECT 1 FROM {TABLE} LIMIT 1")
        if cursor.fetchone():
            return
        _empty_fts_tables(cursor)


def _empty_fts_tables(cursor):
    """Forget every word of the SQLite FTS5 tables (FTS5's own 'delete-all' command)."""
    for table in ALL_FTS_TABLES:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")


def _vector_text(text):
    """Text for ``to_tsvector``: the words as queries see them (``search.words``): lower
    case, no accents, one Arabic spelling, no elided articles or Arabic definite articles."""
    return indexed_words(text)


def _euros(cents):
    return None if cents is None else Decimal(cents) / 100


def _cents(amount):
    return None if amount is None else int((Decimal(amount) * 100).to_integral_value())


def _with_price_parts(document, row):
    """``row`` (a ``SearchDocument``) with the document's tariff and market prices in cents."""
    tariff, tariff_unit, market, market_unit = document.price_parts()
    row.tariff_cents, row.tariff_unit = _cents(tariff), tariff_unit
    row.market_cents, row.market_unit = _cents(market), market_unit
    return row


class _Where:
    """The WHERE clauses of one search, so each facet can be left out for its own counts."""

    def __init__(self, query, price_bands, numbers):
        self.postgres = _is_postgres()
        self.source = f"{TABLE} d"
        self.base = ["d.language = %s"]
        self.base_params = [query.language]
        self.rank_sql = "0"
        self.rank_params = []
        self._text(query)
        self.facets = {}
        self.term_ids = {}  # term facet -> numbers of the terms it accepts
        for facet, values in query.filters.items():
            if facet == PRICE_FACET:
                clause = self._price(values, price_bands)
            else:
                terms = _filter_terms(facet, values)
                self.term_ids[facet] = sorted(numbers[term] for term in terms if term in numbers)
                clause = self.carries(self.term_ids[facet])
            if clause:
                self.facets[facet] = clause

    def _text(self, query):
        if not query.text:
            return
        config = TEXT_SEARCH_CONFIGS.get(query.language)
        if self.postgres and config:
            text = postgres_tsquery(query.text, query.language)
            if text is None:
                self.base.append("1 = 0")
                return
            tsquery = "to_tsquery('simple', %s)"
            self.base.append(f"d.search_vector @@ {tsquery}")
            self.base_params.append(text)
            self.rank_sql = f"ts_rank(d.search_vector, {tsquery})"
            self.rank_params = [text]
            return
        table = None if self.postgres else _fts_table(query.language)
        if table:
            match = fts_match(query.text, query.language)
            if match is None:
                self.base.append("1 = 0")
                return
            # CROSS JOIN: SQLite keeps the left table outer, so the index of words drives.
            self.source = f"{table} CROSS JOIN {TABLE} d ON d.id = {table}.rowid"
            self.base.append(f"{table} MATCH %s")
            self.base_params.append(match)
            self.rank_sql = f"-bm25({table}, {FTS_WEIGHTS})"
            return
        words = search_words(query.text, query.language)
        ranks = []
        for word in words:
            self.base.append("d.search_text LIKE %s ESCAPE '\\'")
            self.base_params.append(_like_pattern(word))
            ranks.append("CASE WHEN d.sort_title LIKE %s ESCAPE '\\' THEN 2 ELSE 1 END")
            self.rank_params.append(_like_pattern(word))
        if ranks:
            self.rank_sql = " + ".join(ranks)

    def carries(self, term_ids):
        """Condition: the document carries at least one of these terms."""
        if not term_ids:
            return "1 = 0", []
        if self.postgres:
            return "d.term_ids && %s::integer[]", [list(term_ids)]
        placeholders = ", ".join(["%s"] * len(term_ids))
        return (
            "EXISTS (SELECT 1 FROM json_each(d.term_ids) AS j2 "
            f"WHERE j2.value IN ({placeholders}))",
            list(term_ids),
        )

    def _price(self, values, price_bands):
        bands = [band for band in price_bands if band.key in values]
        if not bands:
            return None
        parts, params = [], []
        for band in bands:
            sql, band_params = self.band_condition(band)
            parts.append(sql)
            params += band_params
        return "(" + " OR ".join(parts) + ")", params

    def band_condition(self, band):
        parts, params = ["d.price_from IS NOT NULL"], []
        if band.above is not None:
            parts.append("d.price_from > %s")
            params.append(self._amount(band.above))
        if band.up_to is not None:
            parts.append("d.price_from <= %s")
            params.append(self._amount(band.up_to))
        return "(" + " AND ".join(parts) + ")", params

    def _amount(self, amount):
        return amount if self.postgres else float(amount)

    def sql(self, only_base=False):
        """Locale and text conditions, plus every facet filter unless ``only_base``."""
        clauses = list(self.base)
        params = list(self.base_params)
        if only_base:
            return " AND ".join(clauses), params
        for _facet, (clause, clause_params) in self.facets.items():
            clauses.append(clause)
            params += clause_params
        return " AND ".join(clauses), params

    def at_most_one_failed(self):
        """Conditions (and params) true when a document fails at most one facet filter.

        That is: of every pair of filters, one matches. A pair of term facets is a single
        "carries any of both filters' terms", so with the text condition the whole is one
        conjunction, which the GIN index over text and terms answers in one scan.
        """
        clauses, params = [], []
        facets = list(self.facets)
        for number, first in enumerate(facets):
            for second in facets[number + 1 :]:
                if first in self.term_ids and second in self.term_ids:
                    clause, pair_params = self.carries(
                        sorted({*self.term_ids[first], *self.term_ids[second]})
                    )
                else:
                    (one, one_params), (other, other_params) = (
                        self.facets[first],
                        self.facets[second],
                    )
                    clause, pair_params = f"({one} OR {other})", one_params + other_params
                clauses.append(clause)
                params += pair_params
        return clauses, params


class DatabaseEngine:
    name = "database"

    def search(self, query, price_bands):
        where = _Where(query, price_bands, _term_numbers(query))
        with connection.cursor() as cursor:
            total, facets = self._counts(cursor, where, price_bands)
        self._spread_whole_city(facets)
        hits = self._hits(query, where) if total else []
        return SearchResult(query=query, hits=hits, total=total, facets=facets)

    @staticmethod
    def _flagged_base(where):
        """SQL of the documents that can count anywhere, with one match flag per filter.

        A document counts for a facet when it matches every filter but that facet's, so
        only documents failing at most one filter are kept; the counting query then picks
        rows by their flags (``COUNT(*) FILTER``), in a single pass for every facet.
        """
        base_sql, params = where.sql(only_base=True)
        flags, flag_params = [], []
        for number, (clause, clause_params) in enumerate(where.facets.values()):
            flags.append(f", CASE WHEN {clause} THEN 1 ELSE 0 END AS m{number}")
            flag_params += clause_params
        pairs, pair_params = where.at_most_one_failed()
        conditions = " AND ".join([base_sql, *pairs])
        sql = (
            f"SELECT d.term_ids, d.price_from{''.join(flags)} FROM {where.source} "
            f"WHERE {conditions}"
        )
        return sql, flag_params + params + pair_params

    @staticmethod
    def _matching(where, without=None):
        """Condition on the flags: every filter matched (but ``without``'s)."""
        names = list(where.facets)
        flags = [f"m{number} = 1" for number, name in enumerate(names) if name != without]
        return " AND ".join(flags) or "1 = 1"

    def _counts(self, cursor, where, price_bands):
        """Total, price band counts and term counts in one statement over one flagged base.

        The first row (no term) holds the total then one count per band; every other row
        is a term with its count under all filters, then under all but each filtered facet.
        Terms are counted by number, then named: grouping integers is the cheap part.
        """
        base_sql, params = self._flagged_base(where)
        flags = "".join(f", d.m{number}" for number in range(len(where.facets)))
        if _is_postgres():
            # unnest() in the select list (ProjectSet), not a LATERAL function scan per row.
            unnested = f"SELECT unnest(d.term_ids) AS term_id{flags} FROM d"
        else:
            unnested = f"SELECT j.value AS term_id{flags} FROM d, json_each(d.term_ids) AS j"
        totals = [f"COUNT(*) FILTER (WHERE {self._matching(where)})"]
        without_price = self._matching(where, without=PRICE_FACET)
        for band in price_bands:
            condition, band_params = where.band_condition(band)
            totals.append(f"COUNT(*) FILTER (WHERE {without_price} AND {condition})")
            params += band_params
        filtered = [facet for facet in where.facets if facet != PRICE_FACET]
        term_counts = [f"COUNT(*) FILTER (WHERE {self._matching(where)})"] + [
            f"COUNT(*) FILTER (WHERE {self._matching(where, without=facet)})" for facet in filtered
        ]
        width = max(len(totals), len(term_counts))
        totals += ["NULL"] * (width - len(totals))
        named = [f"c.n{number}" for number in range(len(term_counts))]
        named += ["NULL"] * (width - len(named))
        counted = ", ".join(f"{count} AS n{number}" for number, count in enumerate(term_counts))
        cursor.execute(
            f"WITH d AS ({base_sql}) "
            f"SELECT NULL, {', '.join(totals)} FROM d "
            f"UNION ALL SELECT t.term, {', '.join(named)} "
            f"FROM (SELECT u.term_id, {counted} FROM ({unnested}) AS u GROUP BY u.term_id) AS c "
            f"JOIN {SearchTerm._meta.db_table} t ON t.id = c.term_id",
            params,
        )
        rows = cursor.fetchall()
        total, *band_counts = next(row[1:] for row in rows if row[0] is None)
        band_rows = zip(price_bands, band_counts[: len(price_bands)], strict=True)
        facets = {PRICE_FACET: {band.key: count for band, count in band_rows}}
        for term_value, with_all, *without_own in rows:
            if term_value is None:
                continue
            facet, _sep, value = term_value.partition(":")
            count = without_own[filtered.index(facet)] if facet in filtered else with_all
            if count:
                facets.setdefault(facet, {})[value] = count
        return total, facets

    @staticmethod
    def _spread_whole_city(facets):
        """A service for the whole city counts under every zone (one for any age, under
        every age)."""
        for facet, wildcard in WILDCARD_FACETS.items():
            values = facets.get(facet)
            if values and wildcard in values:
                everywhere = values.pop(wildcard)
                facets[facet] = {value: count + everywhere for value, count in values.items()}
                facets[facet][wildcard] = everywhere

    def _hits(self, query, where):
        all_sql, all_params = where.sql()
        price_sql, price_params = household_price_sql(query.price_share)
        order_params = []
        if query.effective_sort == "price":
            # PostgreSQL takes no output alias inside an ORDER BY expression: spelled out.
            order = f"({price_sql}) IS NULL, {price_sql}, d.sort_title, d.page_id"
            order_params = price_params + price_params
        elif query.effective_sort == "relevance":
            order = "rank DESC, d.sort_title, d.page_id"
        else:
            order = "d.sort_title, d.page_id"
        documents = SearchDocument.objects.raw(
            f"SELECT {HIT_COLUMNS}, {where.rank_sql} AS rank FROM {where.source} "
            f"WHERE {all_sql} ORDER BY {order} LIMIT %s OFFSET %s",
            [*where.rank_params, *all_params, *order_params, query.per_page, query.offset],
        )
        return [
            Hit(
                page_id=document.page_id,
                translation_key=str(document.translation_key),
                title=document.title,
                url=document.url,
                summary=document.summary,
                provider_title=document.provider_title,
                zones=document.zones,
                serves_whole_city=document.serves_whole_city,
                audiences=document.audiences,
                price_from=document.price_from,
                price_unit=document.price_unit,
                score=float(document.rank or 0),
                tariff_from=_euros(document.tariff_cents),
                tariff_unit=document.tariff_unit,
                market_from=_euros(document.market_cents),
                market_unit=document.market_unit,
            )
            for document in documents
        ]

    # Indexing.

    def replace(self, translation_keys, documents):
        with transaction.atomic():
            self._delete(SearchDocument.objects.filter(translation_key__in=list(translation_keys)))
            self._insert(documents)

    def rebuild(self, documents):
        with transaction.atomic():
            if not _is_postgres():
                with connection.cursor() as cursor:
                    _empty_fts_tables(cursor)
            SearchDocument.objects.all().delete()
            self._insert(documents)
        if _is_postgres():
            self._tidy_postgres_indexes()

    @staticmethod
    def _tidy_postgres_indexes():
        """After a bulk load: merge the GIN pending list and refresh the planner statistics.

        Until autovacuum gets to them, entries in a GIN index's pending list are scanned
        linearly by every search (measured: ~5x slower term lookups at 50,000 documents).
        """
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('search_doc_vector_terms_gin'::regclass)")
            cursor.execute(f"ANALYZE {TABLE}")

    @staticmethod
    def _number_terms(terms):
        """``{term: number}`` for these terms, numbering those seen for the first time."""
        numbers = _known_term_numbers(terms)
        new = sorted(set(terms) - set(numbers))
        if new:
            # A concurrent indexer may number the same term: keep whichever number came first.
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=term) for term in new], ignore_conflicts=True
            )
            numbers.update(_known_term_numbers(new))
        return numbers

    @staticmethod
    def _delete(documents):
        """Delete these documents; on SQLite, first take their words out of the FTS5 tables.

        An external-content FTS5 table forgets a row only when given the values it indexed,
        so they are read from the rows (through each table's view) before the rows go.
        """
        if not _is_postgres():
            ids = json.dumps(list(documents.values_list("id", flat=True)))
            with connection.cursor() as cursor:
                for table in ALL_FTS_TABLES:
                    cursor.execute(
                        f"INSERT INTO {table}({table}, rowid, sort_title, search_text) "
                        f"SELECT 'delete', id, sort_title, search_text FROM {table}_source "
                        "WHERE id IN (SELECT value FROM json_each(%s))",
                        [ids],
                    )
        documents.delete()

    def _insert(self, documents):
        self._delete(SearchDocument.objects.filter(page_id__in=[d.page_id for d in documents]))
        numbers = self._number_terms({term for document in documents for term in document.terms()})
        created = SearchDocument.objects.bulk_create(
            [
                _with_price_parts(
                    document,
                    SearchDocument(
                        page_id=document.page_id,
                        translation_key=document.translation_key,
                        language=document.language,
                        title=document.title[:255],
                        sort_title=normalize_text(document.title)[:255],
                        summary=document.summary,
                        url=document.url[:500],
                        provider_title=document.provider_title[:255],
                        zones=document.zones,
                        serves_whole_city=document.serves_whole_city,
                        audiences=document.audiences,
                        price_from=document.price_from,
                        price_unit=document.price_unit,
                        term_ids=sorted(numbers[term] for term in document.terms()),
                        search_text=document.search_text,
                    ),
                )
                for document in documents
            ],
            batch_size=500,
        )
        if _is_postgres():
            self._update_vectors(documents)
        else:
            self._index_words(created)

    @staticmethod
    def _index_words(created):
        """Add the new rows' words to their language's FTS5 table (SQLite)."""
        rows = defaultdict(list)
        for document in created:
            table = _fts_table(document.language)
            if table:
                rows[table].append((document.id, document.sort_title, document.search_text))
        with connection.cursor() as cursor:
            for table, values in rows.items():
                cursor.executemany(
                    f"INSERT INTO {table}(rowid, sort_title, search_text) VALUES (%s, %s, %s)",
                    values,
                )

    @staticmethod
    def _update_vectors(documents):
        rows = [
            (
                TEXT_SEARCH_CONFIGS.get(document.language) or "simple",
                _vector_text(document.title),
                _vector_text(f"{document.summary} {document.topics}"),
                _vector_text(f"{document.body} {document.provider_title}"),
                document.page_id,
            )
            for document in documents
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {TABLE} SET search_vector = "
                "setweight(to_tsvector(c.config, %s), 'A') || "
                "setweight(to_tsvector(c.config, %s), 'B') || "
                "setweight(to_tsvector(c.config, %s), 'C') "
                "FROM (SELECT %s::regconfig AS config) c WHERE page_id = %s",
                [
                    (title, summary, body, config, page_id)
                    for config, title, summary, body, page_id in rows
                ],
            )
