"""Text matching of the database engine: SQLite FTS5, Chinese substrings, hostile input."""

from dataclasses import replace

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_migrate

from search.engines.database import ALL_FTS_TABLES, DatabaseEngine, fts_match
from search.models import SearchDocument, current_price_bands
from search.query import SearchQuery

from .dataset import make_documents

pytestmark = pytest.mark.django_db

INJECTIONS = ['"', "*", "OR", "NEAR(", "-", ":", "(", ")", "^", "AND NOT", "'", "\\", "%", "_"]


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite full text")


def index(*texts, language="it"):
    """Index one document per ``(title, summary)``; returns their page ids in order."""
    documents = [
        replace(document, title=title, summary=summary, body="")
        for document, (title, summary) in zip(
            make_documents(seed=21, count=len(texts), languages=(language,)), texts, strict=True
        )
    ]
    DatabaseEngine().rebuild(documents)
    return [document.page_id for document in documents]


def found(text, language="it"):
    query = SearchQuery(language=language, text=text, per_page=50)
    result = DatabaseEngine().search(query, current_price_bands())
    assert result.total == len(result.hits)
    return [hit.page_id for hit in result.hits]


def fts_rows(table, word):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [fts_match(word)])
        return [row[0] for row in cursor.fetchall()]


def assert_fts_in_step():
    """Each FTS5 table holds exactly the words of the documents its view shows."""
    with connection.cursor() as cursor:
        for table in ALL_FTS_TABLES:
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


def test_user_text_becomes_quoted_prefixes_only():
    assert fts_match('Disabilità "NEAR(x" OR col:y - :') == (
        '"disabilita"* AND "near(x"* AND "or"* AND "col:y"*'
    )
    # Quotes, NUL and other control characters separate words (search.sanitize).
    assert fts_match('a\x00b "') == '"a"* AND "b"*'
    assert fts_match('"') is None
    assert fts_match("- : * ( )") is None


def test_accents_do_not_matter_either_way(sqlite_only):
    accented, plain = index(("Centro diurno disabilità", ""), ("Perche no", "caffe"))
    assert found("disabilita") == [accented]
    assert found("DISABILITÀ") == [accented]
    assert found("perché caffè") == [plain]


def test_user_words_are_cut_to_their_stem_in_italian_and_spanish():
    # "per" is a stop word: dropped (docs/decisions/0017)
    assert fts_match("Badanti per disabilità", "it") == '"badant"* AND "disabil"*'
    assert fts_match("assistenza", "it") == '"assisten"*'  # Snowball says "assistent"
    assert fts_match("casa", "it") == '"casa"*'  # its stem "cas" is too short a prefix
    assert fts_match("personas mayores", "es") == '"person"* AND "mayor"*'
    assert fts_match("badanti", "ar") == '"badanti"*'
    assert fts_match("badanti") == '"badanti"*'


def test_every_word_is_a_prefix(sqlite_only):
    carer, other = index(("Badante a ore", ""), ("Pasti a domicilio", "Consegna badanti"))
    assert sorted(found("badant")) == sorted([carer, other])
    assert found("bad ore") == [carer]
    assert found("ante") == []  # a prefix, not any substring


def test_italian_and_spanish_words_find_their_other_forms():
    """As PostgreSQL's Snowball configurations do; the SQLite engine stems the query."""
    carer, disabled, social, house = index(
        ("Badante a ore", ""),
        ("Centro per disabili", ""),
        ("Assistente sociale", ""),
        ("Cassa integrazione", ""),
    )
    assert found("badanti") == [carer]
    assert found("disabilità") == [disabled]
    assert found("assistenza sociale") == [social]
    assert found("casa") == []  # not "cassa"
    assert found("cassa") == [house]
    home_care, elderly = index(
        ("Cuidadora a domicilio", ""), ("Personas mayores", ""), language="es"
    )
    assert found("cuidadoras", language="es") == [home_care]
    assert found("persona mayor", language="es") == [elderly]


def test_every_word_must_match():
    carer, _meals = index(("Badante a ore", "Assistenza a casa"), ("Pasti caldi", "Assistenza"))
    assert found("badante assistenza") == [carer]
    assert found("badante piscina") == []


def test_english_words_are_stemmed():
    services, _other = index(("Home care services", ""), ("Library", "Books"), language="en")
    assert found("service", language="en") == [services]
    assert found("caring", language="en") == [services]


def test_chinese_matches_substrings():
    care, _meals = index(("居家养老服务", "上门照护"), ("送餐", "热饭"), language="zh-hans")
    assert found("养老", language="zh-hans") == [care]
    assert found("照护 居家", language="zh-hans") == [care]
    assert found("养老 热饭", language="zh-hans") == []


def test_title_matches_rank_first_on_full_text(sqlite_only):
    in_summary, in_title = index(("Corso", "piscina comunale"), ("Piscina", "corso"))
    assert found("piscina") == [in_title, in_summary]


@pytest.mark.parametrize("text", [*INJECTIONS, 'badante" OR "pasti', "NEAR(badante ore, 2)"])
def test_search_syntax_in_user_text_is_just_text(client, home_page, text):
    index(("Badante a ore", ""), ("Pasti caldi", ""))
    response = client.get("/it/cerca/", {"q": text})
    assert response.status_code == 200
    assert client.get("/api/search/", {"lang": "it", "q": text}).status_code == 200


def test_search_syntax_never_widens_the_match(sqlite_only):
    carer, meals = index(("Badante a ore", ""), ("Pasti caldi", ""))
    assert found("badante OR pasti") == []  # "or" is a word to find
    assert found('badante" OR "pasti') == []
    assert found("-pasti") == [meals]
    assert found("badante -") == [carer]  # no letters: nothing to match, left out
    for text in INJECTIONS:
        assert found(text) in ([], [carer], [meals]), text


def test_indexing_keeps_the_fts_tables_in_step(sqlite_only):
    documents = [
        replace(document, title=f"Servizio {language}", summary="comune")
        for document, language in zip(
            make_documents(seed=23, count=4, languages=("it", "en", "ar", "zh-hans")),
            ("it", "en", "ar", "zh-hans"),
            strict=True,
        )
    ]
    engine = DatabaseEngine()
    engine.rebuild(documents)
    assert_fts_in_step()
    assert len(fts_rows("search_fts", "comune")) == 2  # it, ar; Chinese is not in FTS
    assert len(fts_rows("search_fts_en", "comune")) == 1
    italian, english = documents[0], documents[1]
    engine.replace([italian.translation_key], [replace(italian, summary="nuovo")])
    engine.replace([english.translation_key], [])
    assert_fts_in_step()
    assert len(fts_rows("search_fts", "comune")) == 1
    assert fts_rows("search_fts_en", "comune") == []
    assert found("nuovo") == [italian.page_id]
    engine.rebuild(documents[2:])
    assert_fts_in_step()
    assert len(fts_rows("search_fts", "servizio")) == 1  # Arabic only
    assert fts_rows("search_fts_en", "servizio") == []


def test_flushing_the_documents_empties_the_fts_tables(sqlite_only):
    """``flush`` deletes the rows behind the engine's back, then sends ``post_migrate``."""
    first, _second = index(("Badante a ore", ""), ("Badante notturna", ""))
    config = apps.get_app_config("search")

    def flushed():
        post_migrate.send(
            sender=config, app_config=config, verbosity=0, interactive=False, using="default"
        )

    flushed()
    assert len(fts_rows("search_fts", "badante")) == 2  # documents there: nothing to do
    SearchDocument.objects.all().delete()
    flushed()
    assert fts_rows("search_fts", "badante") == []
    assert_fts_in_step()
