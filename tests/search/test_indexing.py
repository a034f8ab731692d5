"""The index follows pages and offers, after the transaction commits."""

from decimal import Decimal

import pytest
from django.db import connection
from wagtail.models import Locale

from content import factories
from search.engines.database import DatabaseEngine
from search.models import SearchDocument, current_price_bands
from search.query import SearchQuery

from .fixtures import build_taxonomy, make_offer
from .test_database_text import assert_fts_in_step, fts_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def taxonomy(home_page):
    return build_taxonomy()


def search(language="it", **filters):
    query = SearchQuery(language=language, filters={k: tuple(v) for k, v in filters.items()})
    return DatabaseEngine().search(query, current_price_bands())


def test_publishing_indexes_after_commit(taxonomy, django_capture_on_commit_callbacks):
    provider = factories.make_provider("Cooperativa Aurora")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        service = factories.make_service(
            provider,
            "Badante a ore",
            needs=[taxonomy["care"]],
            zones=[taxonomy["brera"]],
            audiences=[taxonomy["elderly"]],
            at_home=True,
        )
        assert not SearchDocument.objects.filter(page_id=service.pk).exists()
    assert callbacks
    document = SearchDocument.objects.get(page_id=service.pk)
    assert document.provider_title == "Cooperativa Aurora"
    result = search(zone=["municipio-1"], category=["anziani-casa"])
    assert [hit.title for hit in result.hits] == ["Badante a ore"]
    assert search(zone=["municipio-2"]).total == 0


def test_unpublishing_and_deleting_remove_the_service(taxonomy, django_capture_on_commit_callbacks):
    provider = factories.make_provider()
    with django_capture_on_commit_callbacks(execute=True):
        service = factories.make_service(provider, "Pasti caldi", needs=[taxonomy["meals"]])
    assert search(need=["pasti"]).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        service.unpublish()
    assert search(need=["pasti"]).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    assert search(need=["pasti"]).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        service.delete()
    assert search(need=["pasti"]).total == 0


def test_unpublished_and_deleted_services_leave_the_full_text_index(
    taxonomy, django_capture_on_commit_callbacks
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite full text")
    provider = factories.make_provider()
    with django_capture_on_commit_callbacks(execute=True):
        service = factories.make_service(provider, "Pasti caldi", needs=[taxonomy["meals"]])
    document = SearchDocument.objects.get(page_id=service.pk)
    assert fts_rows("search_fts", "pasti") == [document.pk]
    with django_capture_on_commit_callbacks(execute=True):
        service.unpublish()
    assert fts_rows("search_fts", "pasti") == []
    assert_fts_in_step()
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    assert len(fts_rows("search_fts", "pasti")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        service.delete()
    assert fts_rows("search_fts", "pasti") == []
    assert_fts_in_step()


def test_offer_price_changes_move_the_service_between_bands(
    taxonomy, django_capture_on_commit_callbacks
):
    provider = factories.make_provider()
    with django_capture_on_commit_callbacks(execute=True):
        service = factories.make_service(provider, "Assistenza serale", needs=[taxonomy["care"]])
    assert search(price=["0-10"]).total == 0  # no offer: no price
    with django_capture_on_commit_callbacks(execute=True):
        product = make_offer(service, "8.50")
    result = search(price=["0-10"])
    assert result.total == 1 and result.hits[0].price_from == Decimal("8.50")
    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        record.price = Decimal("25")
        record.save()
    assert search(price=["0-10"]).total == 0
    assert search(price=["20-35"]).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        make_offer(service, "40", pricing_kind="free")
    assert search(price=["free"]).hits[0].price_from == 0


def test_translations_carry_the_source_facts_and_follow_their_changes(
    taxonomy, django_capture_on_commit_callbacks
):
    provider = factories.make_provider()
    english = Locale.objects.get(language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        service = factories.make_service(
            provider, "Badante notturna", needs=[taxonomy["care"]], zones=[taxonomy["other"]]
        )
        alias = service.copy_for_translation(english, copy_parents=True, alias=True)
    documents = SearchDocument.objects.filter(translation_key=service.translation_key)
    assert {d.language for d in documents} == {"it", "en"}
    assert documents.get(language="en").page_id == alias.pk
    assert search("en", zone=["municipio-2"]).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        service.zones = [taxonomy["brera"]]
        service.save_revision().publish()
    assert search("en", zone=["municipio-2"]).total == 0
    assert search("en", zone=["brera"]).total == 1
    english_doc = SearchDocument.objects.get(language="en")
    italian_doc = SearchDocument.objects.get(language="it")
    assert english_doc.term_ids == italian_doc.term_ids


def test_rebuild_command_indexes_every_live_service(taxonomy, capsys):
    from django.core.management import call_command

    provider = factories.make_provider()
    factories.make_service(provider, "Uno", needs=[taxonomy["care"]])
    factories.make_service(provider, "Due", needs=[taxonomy["care"]]).unpublish()
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", engine="database")
    assert list(SearchDocument.objects.values_list("title", flat=True)) == ["Uno"]
    assert "Indexed 1 service documents" in capsys.readouterr().out


def test_moving_a_service_to_another_provider_reindexes_it(
    taxonomy, django_capture_on_commit_callbacks
):
    first = factories.make_provider("Cooperativa Prima")
    second = factories.make_provider("Cooperativa Seconda")
    with django_capture_on_commit_callbacks(execute=True):
        service = factories.make_service(first, "Spesa a domicilio", needs=[taxonomy["meals"]])
    assert SearchDocument.objects.get(page_id=service.pk).provider_title == "Cooperativa Prima"
    with django_capture_on_commit_callbacks(execute=True):
        service.move(second, pos="last-child")
    document = SearchDocument.objects.get(page_id=service.pk)
    assert document.provider_title == "Cooperativa Seconda"
    assert search(provider=[second.slug]).total == 1
    assert search(provider=[first.slug]).total == 0
