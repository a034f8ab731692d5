"""The embedded engine: the ``SearchDocument`` table, queried with plain SQL aggregation.

Text: PostgreSQL full text with the locale's configuration (``TEXT_SEARCH_CONFIGS``) over a
GIN-indexed ``tsvector``; substring matching of every word over normalised text on SQLite and
for Chinese (which PostgreSQL cannot split into words). Facets: each document carries its
facet values as a JSON array of ``facet:value`` terms (GIN-indexed on PostgreSQL); counts are
one ``GROUP BY`` over the terms of the matching documents, plus one per facet the query
filters on (disjunctive counts), so the number of queries never depends on the results.
"""

from django.db import connection, transaction

from ..documents import WHOLE_CITY, normalize_text
from ..models import SearchDocument
from ..query import PRICE_FACET, Hit, SearchResult

# PostgreSQL text search configuration per content language; None = substring matching.
TEXT_SEARCH_CONFIGS = {
    "it": "italian",
    "en": "english",
    "es": "spanish",
    "ar": "simple",
    "zh-hans": None,
}
TABLE = SearchDocument._meta.db_table


def _is_postgres():
    return connection.vendor == "postgresql"


def _like_pattern(word):
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class _Where:
    """The WHERE clauses of one search, so each facet can be left out for its own counts."""

    def __init__(self, query, price_bands):
        self.postgres = _is_postgres()
        self.base = ["d.language = %s"]
        self.base_params = [query.language]
        self.rank_sql = "0"
        self.rank_params = []
        self._text(query)
        self.facets = {}
        for facet, values in query.filters.items():
            if facet == PRICE_FACET:
                clause = self._price(values, price_bands)
            else:
                clause = self._terms(facet, values)
            if clause:
                self.facets[facet] = clause

    def _text(self, query):
        if not query.text:
            return
        config = TEXT_SEARCH_CONFIGS.get(query.language)
        if self.postgres and config:
            tsquery = "websearch_to_tsquery(%s::regconfig, %s)"
            self.base.append(f"d.search_vector @@ {tsquery}")
            self.base_params += [config, query.text]
            self.rank_sql = f"ts_rank_cd(d.search_vector, {tsquery})"
            self.rank_params = [config, query.text]
            return
        words = normalize_text(query.text).split()
        ranks = []
        for word in words:
            self.base.append("d.search_text LIKE %s ESCAPE '\\'")
            self.base_params.append(_like_pattern(word))
            ranks.append("CASE WHEN d.sort_title LIKE %s ESCAPE '\\' THEN 2 ELSE 1 END")
            self.rank_params.append(_like_pattern(word))
        if ranks:
            self.rank_sql = " + ".join(ranks)

    def _terms(self, facet, values):
        terms = [f"{facet}:{value}" for value in values]
        if facet == "zone":
            terms.append(f"zone:{WHOLE_CITY}")
        if self.postgres:
            return "d.terms ?| %s", [terms]
        placeholders = ", ".join(["%s"] * len(terms))
        return (
            f"EXISTS (SELECT 1 FROM json_each(d.terms) AS j2 WHERE j2.value IN ({placeholders}))",
            terms,
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

    def sql(self, without=None):
        clauses = list(self.base)
        params = list(self.base_params)
        for facet, (clause, clause_params) in self.facets.items():
            if facet != without:
                clauses.append(clause)
                params += clause_params
        return " AND ".join(clauses), params


class DatabaseEngine:
    name = "database"

    def search(self, query, price_bands):
        where = _Where(query, price_bands)
        all_sql, all_params = where.sql()
        facets = {}

        band_sums, band_params = [], []
        for band in price_bands:
            condition, params = where.band_condition(band)
            band_sums.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
            band_params += params
        with connection.cursor() as cursor:
            if PRICE_FACET in where.facets:
                cursor.execute(f"SELECT COUNT(*) FROM {TABLE} d WHERE {all_sql}", all_params)
                total = cursor.fetchone()[0]
                price_sql, price_params = where.sql(without=PRICE_FACET)
                cursor.execute(
                    f"SELECT {', '.join(band_sums) or '0'} FROM {TABLE} d WHERE {price_sql}",
                    band_params + price_params,
                )
                band_counts = cursor.fetchone()
            else:
                cursor.execute(
                    f"SELECT {', '.join(['COUNT(*)', *band_sums])} FROM {TABLE} d WHERE {all_sql}",
                    band_params + all_params,
                )
                total, *band_counts = cursor.fetchone()
            band_rows = zip(price_bands, band_counts, strict=True)
            facets[PRICE_FACET] = {band.key: int(count or 0) for band, count in band_rows}

            for facet, counts in self._term_counts(cursor, all_sql, all_params).items():
                if facet not in where.facets:
                    facets[facet] = counts
            for facet in where.facets:
                if facet == PRICE_FACET:
                    continue
                facet_sql, facet_params = where.sql(without=facet)
                facets[facet] = self._term_counts(cursor, facet_sql, facet_params, only=facet).get(
                    facet, {}
                )
        self._spread_whole_city(facets)
        hits = self._hits(query, where, all_sql, all_params) if total else []
        return SearchResult(query=query, hits=hits, total=total, facets=facets)

    def _term_counts(self, cursor, where_sql, params, only=None):
        if _is_postgres():
            term = "t.term"
            source = f"{TABLE} d CROSS JOIN LATERAL jsonb_array_elements_text(d.terms) AS t(term)"
        else:
            term = "j.value"
            source = f"{TABLE} d, json_each(d.terms) AS j"
        if only:
            where_sql = f"{where_sql} AND {term} LIKE %s"
            params = [*params, f"{only}:%"]
        cursor.execute(
            f"SELECT {term}, COUNT(*) FROM {source} WHERE {where_sql} GROUP BY {term}", params
        )
        counts = {}
        for term_value, count in cursor.fetchall():
            facet, _sep, value = term_value.partition(":")
            counts.setdefault(facet, {})[value] = count
        return counts

    @staticmethod
    def _spread_whole_city(facets):
        """A service for the whole city counts under every zone."""
        zones = facets.get("zone")
        if zones and WHOLE_CITY in zones:
            everywhere = zones.pop(WHOLE_CITY)
            facets["zone"] = {zone: count + everywhere for zone, count in zones.items()}
            facets["zone"][WHOLE_CITY] = everywhere

    def _hits(self, query, where, all_sql, all_params):
        order = {
            "relevance": "rank DESC, d.sort_title, d.page_id",
            "price": "(d.price_from IS NULL), d.price_from, d.sort_title, d.page_id",
            "name": "d.sort_title, d.page_id",
        }[query.effective_sort]
        documents = SearchDocument.objects.raw(
            f"SELECT d.*, {where.rank_sql} AS rank FROM {TABLE} d WHERE {all_sql} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*where.rank_params, *all_params, query.per_page, query.offset],
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
            )
            for document in documents
        ]

    # Indexing.

    def replace(self, translation_keys, documents):
        with transaction.atomic():
            SearchDocument.objects.filter(translation_key__in=list(translation_keys)).delete()
            self._insert(documents)

    def rebuild(self, documents):
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            self._insert(documents)

    def _insert(self, documents):
        SearchDocument.objects.filter(page_id__in=[d.page_id for d in documents]).delete()
        SearchDocument.objects.bulk_create(
            [
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
                    terms=document.terms(),
                    search_text=document.search_text,
                )
                for document in documents
            ],
            batch_size=500,
        )
        if _is_postgres():
            self._update_vectors(documents)

    @staticmethod
    def _update_vectors(documents):
        rows = [
            (
                TEXT_SEARCH_CONFIGS.get(document.language) or "simple",
                document.title,
                document.summary,
                f"{document.body} {document.provider_title}",
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
