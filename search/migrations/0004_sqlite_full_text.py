"""SQLite: FTS5 full-text indexes over the search documents' words (no-op on PostgreSQL).

Two external-content FTS5 tables, one per tokenizer: ``search_fts`` (``unicode61
remove_diacritics 2``) for every language but English and Chinese, ``search_fts_en`` (``porter``
stemming over the same) for English. Each reads its rows from a view of the documents in its
languages, so FTS5's ``rebuild`` and ``integrity-check`` commands see exactly the rows the
engine indexes (``search.engines.database.FTS_TABLES``). Chinese is not in either: no word
segmentation, it keeps substring matching. See docs/decisions/0005-search.md.
"""

from django.db import migrations

TABLES = [
    # (FTS table, content view, languages condition, tokenizer)
    ("search_fts", "search_fts_source", "language NOT IN ('en', 'zh-hans')", "unicode61"),
    ("search_fts_en", "search_fts_en_source", "language = 'en'", "porter unicode61"),
]


def create_fts_tables(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, view, languages, tokenizer in TABLES:
        schema_editor.execute(
            f"CREATE VIEW {view} AS SELECT id, sort_title, search_text "
            f"FROM search_searchdocument WHERE {languages}"
        )
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5(sort_title, search_text, "
            f"content='{view}', content_rowid='id', "
            f"tokenize='{tokenizer} remove_diacritics 2')"
        )
        schema_editor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")


def drop_fts_tables(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, view, _languages, _tokenizer in TABLES:
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")
        schema_editor.execute(f"DROP VIEW IF EXISTS {view}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_number_facet_terms")]

    operations = [migrations.RunPython(create_fts_tables, drop_fts_tables)]
