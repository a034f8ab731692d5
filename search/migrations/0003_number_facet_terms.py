"""Facet terms become numbers (``SearchTerm``) held in ``SearchDocument.term_ids``.

On PostgreSQL ``term_ids`` is an ``integer[]`` and one GIN index covers the text vector and the
terms together, so a search is a single index scan (see docs/decisions/0005-search.md).
"""

from django.db import migrations, models

import search.models


def number_terms(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchTerm = apps.get_model("search", "SearchTerm")
    documents = list(SearchDocument.objects.only("id", "terms"))
    names = sorted({term for document in documents for term in document.terms})
    SearchTerm.objects.bulk_create([SearchTerm(term=name) for name in names])
    numbers = dict(SearchTerm.objects.values_list("term", "id"))
    for document in documents:
        document.term_ids = sorted(numbers[term] for term in document.terms)
    SearchDocument.objects.bulk_update(documents, ["term_ids"], batch_size=500)


def name_terms(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchTerm = apps.get_model("search", "SearchTerm")
    names = dict(SearchTerm.objects.values_list("id", "term"))
    documents = list(SearchDocument.objects.only("id", "term_ids"))
    for document in documents:
        document.terms = [names[number] for number in document.term_ids]
    SearchDocument.objects.bulk_update(documents, ["terms"], batch_size=500)


def index_vector_and_term_ids(apps, schema_editor):
    """One GIN index over both columns replaces the two single-column ones (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector_gin")
    schema_editor.execute("DROP INDEX IF EXISTS search_doc_terms_gin")
    schema_editor.execute(
        "CREATE INDEX search_doc_vector_terms_gin ON search_searchdocument "
        "USING gin (search_vector, term_ids)"
    )


def index_vector_and_terms(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector_terms_gin")
    schema_editor.execute(
        "CREATE INDEX search_doc_vector_gin ON search_searchdocument USING gin (search_vector)"
    )
    schema_editor.execute(
        "CREATE INDEX search_doc_terms_gin ON search_searchdocument USING gin (terms jsonb_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_indexes_and_default_bands")]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("term", models.TextField(unique=True)),
            ],
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="term_ids",
            field=search.models.TermIdsField(default=list),
        ),
        migrations.RunPython(number_terms, name_terms),
        migrations.RunPython(index_vector_and_term_ids, index_vector_and_terms),
        migrations.RemoveField(model_name="searchdocument", name="terms"),
    ]
