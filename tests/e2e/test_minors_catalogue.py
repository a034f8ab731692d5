"""Milano 0-18 through the browser: a family picks its child's age and sees what fits."""

import pytest

from content import factories
from content.core.languages import synchronise_language_trees
from search.indexing import rebuild_index
from tests.e2e.waiting import wait_for_expression
from tests.search.fixtures import build_taxonomy

RESULTS = "document.querySelectorAll('.search-results li').length"
PANEL = "document.getElementById('search-panel').innerText"


@pytest.fixture
def activities(home_page):
    taxonomy = build_taxonomy()
    provider = factories.make_provider("APS Mongolfiera")
    for title, age_from, age_to, kind in (
        ("Corso di nuoto", 6, 10, "sport"),
        ("Ludoteca", 0, 5, "recreation"),
        ("Aiuto compiti", 11, 13, "study-support"),
    ):
        factories.make_service(
            provider, title, needs=[taxonomy["care"]], serves_whole_city=True,
            age_from=age_from, age_to=age_to, activity_kind=kind,
        )
    factories.make_service(provider, "Badante a ore", needs=[taxonomy["care"]])
    synchronise_language_trees()  # the Arabic tree: aliases of the Italian pages
    rebuild_index()  # with the aliases' documents
    return taxonomy


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["it", "ar"])
def test_choosing_the_childs_age_keeps_the_activities_for_it(
    live_server, page, activities, language
):
    page.goto(f"{live_server.url}/{language}/cerca/0-18/")
    assert page.evaluate(RESULTS) == 3  # the adults' service is not in the catalogue
    page.select_option("#facet-age", "8")
    wait_for_expression(page, f"{RESULTS} === 1")
    assert "age=8" in page.url
    panel = page.locator("#search-panel").inner_text()
    assert "Corso di nuoto" in panel and "Ludoteca" not in panel
    page.select_option("#facet-age", "3")
    wait_for_expression(page, f"{PANEL}.includes('Ludoteca')")
    assert page.evaluate(RESULTS) == 1
    assert "Corso di nuoto" not in page.locator("#search-panel").inner_text()
    page.select_option("#facet-age", "")  # any age
    wait_for_expression(page, f"{RESULTS} === 3")
