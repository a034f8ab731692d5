"""The Bootstrap Italia components the theme bundles (theme/js/bootstrap-italia-components.js)
work in the browser: fonts, the mobile menu, FAQ accordions, and no script errors."""

import json

import pytest
from wagtail.models import Collection

from content import factories
from content.core.languages import synchronise_language_trees
from tests.e2e.waiting import wait_for_expression
from tests.theme.stylesheet import unstyled_classes

QUESTIONS = [
    ("Chi può usare WeMi?", "Tutte le persone che vivono o lavorano a Milano."),
    ("Quanto costa?", "Dipende dal servizio e dall'ISEE."),
]


@pytest.fixture
def faq_guide(home_page):
    if not Collection.objects.exists():  # a live-server flush deletes the root collection
        Collection.add_root(name="Root")
    body = json.dumps([{
        "type": "faq",
        "value": {
            "title": "Domande frequenti",
            "questions": [
                {"question": question, "answer": f"<p>{answer}</p>"}
                for question, answer in QUESTIONS
            ],
        },
    }])
    page = factories.make_guide("Domande frequenti", intro="Le risposte.", body=body)
    synchronise_language_trees()
    return page


@pytest.fixture
def script_errors(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_fonts_load_and_no_script_fails(live_server, page, script_errors, faq_guide):
    page.goto(live_server.url + faq_guide.url)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check(\"600 16px 'Titillium Web'\")")
    assert page.evaluate(
        "[...document.fonts].some(f => f.family.includes('Titillium') && f.status === 'loaded')"
    )
    assert script_errors == []


def test_faq_answers_open_and_arrow_keys_move_between_questions(live_server, page,
                                                                 script_errors, faq_guide):
    page.goto(live_server.url + faq_guide.url)
    first = page.get_by_role("button", name=QUESTIONS[0][0])
    second = page.get_by_role("button", name=QUESTIONS[1][0])
    answer = page.get_by_text(QUESTIONS[0][1])
    assert not answer.is_visible()
    first.focus()
    page.keyboard.press("Enter")
    answer.wait_for(state="visible")
    assert first.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent.trim()") == QUESTIONS[1][0]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent.trim()") == QUESTIONS[0][0]
    assert second.get_attribute("aria-expanded") == "false"
    assert unstyled_classes(page) == []  # the classes the accordion script added keep their style
    assert script_errors == []


def test_the_main_menu_opens_and_closes_on_a_phone(browser, live_server, script_errors,
                                                   faq_guide):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    phone.on("pageerror", lambda error: script_errors.append(str(error)))
    try:
        phone.goto(live_server.url + faq_guide.url)
        toggle = phone.locator('button[data-bs-target="#main-menu"]')
        menu = phone.locator("#main-menu")
        assert toggle.is_visible()
        assert not menu.locator(".menu-wrapper").is_visible()
        toggle.focus()
        phone.keyboard.press("Enter")
        menu.locator(".menu-wrapper").wait_for(state="visible")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert unstyled_classes(phone) == []
        # Once open, focus moves into the menu (to its close button) and stays there.
        wait_for_expression(
            phone, "document.querySelector('#main-menu').contains(document.activeElement)"
        )
        phone.keyboard.press("Escape")
        menu.locator(".menu-wrapper").wait_for(state="hidden")
        assert toggle.get_attribute("aria-expanded") == "false"
    finally:
        context.close()
    assert script_errors == []
