"""The language switcher works with the keyboard alone and keeps the page."""

import pytest
from wagtail.models import Collection, Locale

from content import factories
from content.core.languages import synchronise_language_trees
from tests.theme.stylesheet import unstyled_classes


@pytest.fixture
def guide(home_page):
    if not Collection.objects.exists():  # a live-server flush deletes the root collection
        Collection.add_root(name="Root")
    page = factories.make_guide("Come funziona WeMi", intro="Guida.")
    synchronise_language_trees()
    return page


def test_switch_language_with_the_keyboard(live_server, page, guide):
    page.goto(live_server.url + guide.url)
    toggle = page.locator("#language-switcher-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert unstyled_classes(page) == []  # the open menu keeps its style
    spanish = page.locator('#language-switcher-menu a[hreflang="es"]')
    for _ in range(5):
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "es":
            break
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "es"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    alias = guide.get_translation(Locale.objects.get(language_code="es"))
    assert page.url == live_server.url + alias.url
    assert page.evaluate("document.documentElement.lang") == "es"
    assert spanish.count() == 1
    notice = page.locator('[data-element="translation-notice"]')
    assert "Esta página aún no está traducida" in notice.inner_text()
