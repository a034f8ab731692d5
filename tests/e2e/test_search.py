"""The search page's JavaScript: filters update the results in place and announce the count."""

import pytest

from content import factories
from tests.e2e.waiting import wait_for_expression
from tests.search.fixtures import build_taxonomy


@pytest.fixture
def searchable_services(home_page):
    taxonomy = build_taxonomy()
    provider = factories.make_provider("Cooperativa Aurora")
    factories.make_service(provider, "Badante a ore", needs=[taxonomy["care"]])
    factories.make_service(provider, "Pasti caldi", needs=[taxonomy["meals"]])
    factories.make_service(provider, "Pasti freddi", needs=[taxonomy["meals"]])
    return taxonomy


@pytest.mark.django_db(transaction=True)
def test_filters_update_results_without_reload_and_announce_the_count(
    live_server, page, searchable_services
):
    page.goto(f"{live_server.url}/it/cerca/")
    assert page.locator(".search-results li").count() == 3
    page.evaluate("window.__sameDocument = true")

    page.locator("label[for=facet-need-pasti]").click()  # Bootstrap Italia draws the box
    wait_for_expression(page, "document.querySelectorAll('.search-results li').length === 2")
    assert page.evaluate("window.__sameDocument") is True  # no full reload
    assert "need=pasti" in page.url  # state in the query string
    wait_for_expression(page, "document.getElementById('search-status').textContent !== ''")
    assert page.locator("#search-status").text_content().startswith("2")
    assert page.evaluate("document.activeElement.id") == "facet-need-pasti"
    assert "Badante a ore" not in page.locator("#search-panel").inner_text()

    page.go_back()
    wait_for_expression(page, "document.querySelectorAll('.search-results li').length === 3")
