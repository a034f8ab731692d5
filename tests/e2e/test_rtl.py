"""Arabic is laid out right to left: a screenshot of a service page and its mirrored layout."""

from pathlib import Path

import pytest
from wagtail.models import Collection, Locale

from content import factories
from content.core.languages import synchronise_language_trees
from content.core.translations import translate

ARTIFACTS = Path(__file__).parent / "artifacts"
ARABIC = {
    "Badante a ore": "عاملة رعاية بالساعة",
    "badante-a-ore": "badante-a-ore",
    "Una badante a ore per le persone anziane.": "عاملة رعاية بالساعة لكبار السن.",
    "Aiuto nella cura della persona.": "مساعدة في العناية الشخصية.",
    "Persone anziane.": "كبار السن.",
    "Telefona alla cooperativa.": "اتصل بالتعاونية.",
}


@pytest.fixture
def arabic_service(home_page):
    if not Collection.objects.exists():  # a live-server flush deletes the root collection
        Collection.add_root(name="Root")
    category = factories.make_need("Assistenza domiciliare", slug="assistenza-domiciliare")
    need = factories.make_need("Assistenza alla persona", parent=category)
    provider = factories.make_provider("Cooperativa Sociale Girasole Immaginario")
    factories.service_index()
    service = factories.make_service(
        provider,
        "Badante a ore",
        needs=[need],
        audiences=[factories.make_audience("Anziani")],
        summary="Una badante a ore per le persone anziane.",
        description="<p>Aiuto nella cura della persona.</p>",
        audience_description="<p>Persone anziane.</p>",
        how_to_access="<p>Telefona alla cooperativa.</p>",
    )
    synchronise_language_trees()
    result = translate(service, Locale.objects.get(language_code="ar"), ARABIC)
    assert result.complete, result.missing
    return service, result.instance


def boxes(page, selector):
    return page.eval_on_selector_all(
        selector,
        "items => items.filter(i => i.offsetParent !== null)"
        ".map(i => { const r = i.getBoundingClientRect(); return [r.left, r.right]; })",
    )


def test_arabic_service_page_is_mirrored(live_server, page, arabic_service):
    italian, arabic = arabic_service
    page.goto(live_server.url + arabic.url)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "service-page-ar.png"), full_page=True)

    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1").first.inner_text() == "عاملة رعاية بالساعة"
    stylesheets = page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.href)")
    assert any(href.endswith("bootstrap-italia.rtl.min.css") for href in stylesheets)

    crumbs = boxes(page, ".breadcrumb .breadcrumb-item")
    assert len(crumbs) >= 2
    assert crumbs[0][0] > crumbs[-1][0], "the breadcrumb starts on the right"
    nav = boxes(page, "[data-element=main-navigation] .nav-item")
    if len(nav) >= 2:
        assert nav[0][0] > nav[-1][0], "the main menu starts on the right"

    # The same page in Italian runs left to right: the check above can fail.
    page.goto(live_server.url + italian.url)
    assert page.evaluate("document.documentElement.dir") == "ltr"
    crumbs = boxes(page, ".breadcrumb .breadcrumb-item")
    assert crumbs[0][0] < crumbs[-1][0]
