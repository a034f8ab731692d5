from decimal import Decimal

from django.db import migrations

DEFAULT_BANDS = [(None, 0), (0, 10), (10, 20), (20, 35), (35, None)]


def create_default_bands(apps, schema_editor):
    PriceBand = apps.get_model("search", "PriceBand")
    if PriceBand.objects.exists():
        return
    PriceBand.objects.bulk_create(
        PriceBand(
            above=None if above is None else Decimal(above),
            up_to=None if up_to is None else Decimal(up_to),
            sort_order=position,
        )
        for position, (above, up_to) in enumerate(DEFAULT_BANDS)
    )


def create_gin_indexes(apps, schema_editor):
    """GIN indexes for full text and facet terms: PostgreSQL only (SQLite scans)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX search_doc_vector_gin ON search_searchdocument USING gin (search_vector)"
    )
    schema_editor.execute(
        "CREATE INDEX search_doc_terms_gin ON search_searchdocument USING gin (terms jsonb_ops)"
    )


def drop_gin_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector_gin")
    schema_editor.execute("DROP INDEX IF EXISTS search_doc_terms_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(create_gin_indexes, drop_gin_indexes),
        migrations.RunPython(create_default_bands, migrations.RunPython.noop),
    ]
