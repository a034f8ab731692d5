"""The "Milano 0-18" landing page: only the catalogue, filtered by the child's age."""

import pytest

from content import factories
from tests.search.fixtures import build_taxonomy, make_offer

pytestmark = pytest.mark.django_db

URL = "/it/cerca/0-18/"


@pytest.fixture
def catalogue(home_page, django_capture_on_commit_callbacks):
    taxonomy = build_taxonomy()
    provider = factories.make_provider("APS Mongolfiera")
    with django_capture_on_commit_callbacks(execute=True):
        swimming = factories.make_service(
            provider, "Corso di nuoto", needs=[taxonomy["care"]], zones=[taxonomy["brera"]],
            age_from=6, age_to=10, activity_kind="sport",
        )
        toddlers = factories.make_service(
            provider, "Ludoteca", needs=[taxonomy["care"]], serves_whole_city=True,
            age_from=0, age_to=5, activity_kind="recreation",
        )
        homework = factories.make_service(
            provider, "Aiuto compiti", needs=[taxonomy["care"]], serves_whole_city=True,
            age_from=11, age_to=13, activity_kind="study-support",
        )
        adults = factories.make_service(
            provider, "Badante a ore", needs=[taxonomy["care"]], serves_whole_city=True
        )
        make_offer(swimming, "12.00", unit="session")
        make_offer(toddlers, "0", pricing_kind="free", unit="session")
    return {"swimming": swimming, "toddlers": toddlers, "homework": homework, "adults": adults}


def test_the_landing_lists_only_the_catalogue_with_ages_kind_and_free_or_paid(client, catalogue):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Milano 0-18: attività per bambini e ragazzi</h1>" in html
    for title in ("Corso di nuoto", "Ludoteca", "Aiuto compiti"):
        assert title in html
    assert "Badante a ore" not in html  # not an activity for minors
    assert "da 6 a 10 anni" in html and "fino a 5 anni" in html
    assert "Supporto allo studio" in html
    assert '<span class="badge bg-success">Gratuito' in html or "bg-success" in html
    assert "bg-primary\">A pagamento" in html
    # The age is a select, first among the filters; the catalogue itself is no filter.
    assert 'id="facet-age"' in html
    assert html.index('id="facet-age"') < html.index('name="activity"')
    assert 'name="catalogue"' not in html
    assert 'action="/it/cerca/0-18/"' in html


def test_the_age_filter_keeps_the_activities_for_that_age(client, catalogue):
    html = client.get(URL, {"age": "8"}).content.decode()
    assert "Corso di nuoto" in html
    assert "Ludoteca" not in html and "Aiuto compiti" not in html
    assert '<option value="8" selected>8 anni (1)</option>' in html
    # Removing the age goes back to the landing, not to the whole search.
    assert 'href="?" data-search-link' in html
    html = client.get(URL, {"age": "0"}).content.decode()
    assert "Ludoteca" in html and "Corso di nuoto" not in html
    html = client.get(URL, {"age": "12", "activity": "sport"}).content.decode()
    assert "Nessun servizio" in html or "callout note" in html


def test_a_bad_age_is_refused_with_a_message_and_the_page_still_answers(client, catalogue):
    response = client.get(URL, {"age": "quaranta"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "quaranta" in html and "Età del bambino o della bambina" in html
    assert "Corso di nuoto" in html and "Ludoteca" in html


def test_the_general_search_offers_the_catalogue_and_kinds(client, catalogue):
    html = client.get("/it/cerca/").content.decode()
    assert 'name="catalogue" value="0-18"' in html
    assert 'name="activity" value="sport"' in html
    assert 'id="facet-age"' not in html  # offered on the landing page
    html = client.get("/it/cerca/", {"catalogue": "0-18", "age": "3"}).content.decode()
    assert "Ludoteca" in html and "Corso di nuoto" not in html and "Badante a ore" not in html


def test_the_landing_is_in_every_language_and_linked_from_home(client, catalogue):
    from django.urls import reverse
    from django.utils import translation

    for code, heading in (("en", "Milano 0-18: activities for children and young people"),
                          ("ar", "ميلانو 0-18: أنشطة للأطفال واليافعين"),
                          ("es", "Milano 0-18: actividades para niños y jóvenes"),
                          ("zh-hans", "米兰0-18：儿童和青少年活动")):
        with translation.override(code):
            url = reverse("minors-catalogue")
        response = client.get(url)
        assert response.status_code == 200, code
        assert heading in response.content.decode(), code
    home = client.get("/it/").content.decode()
    assert 'href="/it/cerca/0-18/"' in home
