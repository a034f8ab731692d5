"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server.

Live-server tests flush tables (deleting the Wagtail root, Site and Locales created by
migrations): use the ``home_page`` fixture, which rebuilds them.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def is_csp_violation(message):
    """A console error of the browser refusing something under the Content-Security-Policy."""
    return message.type == "error" and "Content Security Policy" in message.text


@pytest.fixture
def page(browser):
    """A page at 1280 px; the test fails if the browser refused anything under the
    Content-Security-Policy (an inline script or style without the nonce, a foreign source)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: is_csp_violation(message) and violations.append(message.text),
    )
    yield page
    context.close()
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)
