"""Searches as people type them: a zone named in the words, a need named in Arabic.

Each case runs on every reachable engine (``engine`` fixture), from documents built by
``build_documents`` as the indexer builds them.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Locale

from content import factories
from content.taxonomy.models import Zone
from search.catalog import FacetCatalog
from search.documents import build_documents, normalize_arabic, normalize_text
from search.models import current_price_bands
from search.query import SearchQuery, recognise_zones

pytestmark = pytest.mark.django_db


def translate(term, locale, name):
    translation = term.copy_for_translation(locale)
    translation.name = name
    translation.save()
    return translation


@pytest.fixture
def milan(home_page):
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    arabic = Locale.objects.get(language_code="ar")
    elderly_category = factories.make_need("Anziani", slug="anziani")
    home_care = factories.make_need(
        "Assistenza domiciliare", parent=elderly_category, slug="assistenza-domiciliare"
    )
    children = factories.make_need("Bambini e famiglie", slug="bambini")
    babysitting = factories.make_need("Baby sitter", parent=children, slug="baby-sitter")
    translate(babysitting, arabic, "جَلِيسَة أطفال")  # with diacritics and hamza, as typed
    translate(children, arabic, "الأطفال والأسر")
    municipio_5 = factories.make_zone("Municipio 5", slug="municipio-5", number=5)
    vigentino = factories.make_zone(
        "Vigentino", kind=Zone.Kind.QUARTIERE, parent=municipio_5, slug="vigentino"
    )
    municipio_2 = factories.make_zone("Municipio 2", slug="municipio-2", number=2)
    translate(municipio_5, arabic, "البلدية 5")
    elderly = factories.make_audience("Anziani", slug="anziani")
    provider = factories.make_provider("Cooperativa Aurora")
    services = {
        "south": factories.make_service(
            provider,
            "Assistenza anziani a domicilio",
            needs=[home_care],
            zones=[vigentino],
            audiences=[elderly],
        ),
        "north": factories.make_service(
            provider, "Assistenza anziani di quartiere", needs=[home_care], zones=[municipio_2]
        ),
        "sitter": factories.make_service(
            provider,
            "Tata per il pomeriggio",
            needs=[babysitting],
            zones=[municipio_2],
            summary="Una tata a casa vostra dopo la scuola.",
        ),
    }
    for service in services.values():  # the Arabic pages are aliases: Italian words
        service.copy_for_translation(arabic, copy_parents=True, alias=True)
    return services


def run(engine, language, text):
    catalog = FacetCatalog.for_language(language)
    query, _zones = recognise_zones(SearchQuery(language=language, text=text), catalog.zone_aliases)
    return query, engine.search(query, current_price_bands())


def titles(result):
    return sorted(hit.title for hit in result.hits)


@pytest.mark.parametrize(
    "text",
    [
        "assistenza anziani municipio 5",
        "Assistenza anziani, Municipio 5",
        "assistenza anziani municipio V",
        "assistenza anziani Vigentino",
        "assistenza anziani m5",
    ],
)
def test_a_zone_named_in_the_words_filters_by_that_zone(engine, milan, text):
    engine.rebuild(build_documents())
    query, result = run(engine, "it", text)
    assert query.values("zone") == ("municipio-5",) or query.values("zone") == ("vigentino",)
    assert query.text.lower().replace(",", "") == "assistenza anziani"
    assert titles(result) == ["Assistenza anziani a domicilio"]


def test_a_zone_named_in_arabic_filters_by_that_zone(engine, milan):
    engine.rebuild(build_documents())
    query, result = run(engine, "ar", "assistenza البلديه 5")
    assert query.values("zone") == ("municipio-5",)
    assert titles(result) == ["Assistenza anziani a domicilio"]


@pytest.mark.parametrize(
    "text, zones, words",
    [
        ("badante Magenta - San Vittore", ("magenta-san-vittore",), "badante"),
        ("badante magenta san vittore", ("magenta-san-vittore",), "badante"),
        ("Città Studi, badante", ("citta-studi",), "badante"),
        ("badante municipio", (), "badante municipio"),  # no number: no zone
        ("badante m55", (), "badante m55"),
    ],
)
def test_zone_names_are_read_as_whole_words(text, zones, words):
    aliases = [
        ("magenta - san vittore", "magenta-san-vittore"),
        ("citta studi", "citta-studi"),
        ("municipio 5", "municipio-5"),
        ("m5", "municipio-5"),
    ]
    query, _found = recognise_zones(SearchQuery(language="it", text=text), aliases)
    assert query.values("zone") == zones
    assert query.text.rstrip(",") == words or query.text == words


def test_words_that_name_no_zone_are_left_alone(engine, milan):
    engine.rebuild(build_documents())
    query, result = run(engine, "it", "assistenza anziani")
    assert query.values("zone") == () and query.text == "assistenza anziani"
    assert result.total == 2


@pytest.mark.parametrize("text", ["جليسة أطفال", "جليسه اطفال", "جَلِيسَة أَطْفَال", "جليـــسة أطفال"])
def test_the_arabic_name_of_a_need_finds_its_services(engine, milan, text):
    engine.rebuild(build_documents())
    _query, result = run(engine, "ar", text)
    assert titles(result) == ["Tata per il pomeriggio"]


def test_documents_carry_the_taxonomy_names_in_their_language_and_in_italian(milan):
    documents = {(d.language, d.title): d for d in build_documents()}
    arabic = documents[("ar", "Tata per il pomeriggio")]
    assert "جَلِيسَة أطفال" in arabic.topics and "Baby sitter" in arabic.topics
    assert "الأطفال والأسر" in arabic.topics  # the need's category
    italian = documents[("it", "Assistenza anziani a domicilio")]
    assert {"Assistenza domiciliare", "Vigentino", "Municipio 5", "Anziani"} <= set(
        italian.topics.split(" ")
    ) | {"Assistenza domiciliare", "Municipio 5"}
    assert "Municipio 5" in italian.topics and "Assistenza domiciliare" in italian.topics


def test_the_search_page_reads_the_zone_out_of_the_words(client, milan):
    from search.engines.database import DatabaseEngine

    DatabaseEngine().rebuild(build_documents())
    html = client.get("/it/cerca/", {"q": "assistenza anziani municipio 5"}).content.decode()
    assert "Assistenza anziani a domicilio" in html
    assert "Assistenza anziani di quartiere" not in html
    assert 'value="municipio-5" selected' in html


ARABIC_VARIANTS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "ئ": "ي",
    "ى": "ي",
    "ة": "ه",
    "ـ": "",
    "\u064e": "",  # fatha
    "\u0651": "",  # shadda
    "\u0670": "",  # superscript alef
}


@given(st.lists(st.sampled_from(sorted(ARABIC_VARIANTS) + list("بتجدسلمن ")), max_size=20))
def test_arabic_spellings_fold_to_one(letters):
    text = "".join(letters)
    plain = "".join(ARABIC_VARIANTS.get(letter, letter) for letter in letters)
    assert normalize_arabic(text) == plain
    assert normalize_text(text) == normalize_text(plain)
    assert normalize_arabic(normalize_arabic(text)) == normalize_arabic(text)


def test_other_scripts_are_left_to_normalize_text():
    assert normalize_arabic("Città Studi") == "Città Studi"
    assert normalize_text("Città  Studi") == "citta studi"
