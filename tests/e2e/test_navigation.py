"""Account navigation as people on a shared computer use it: log in and come back to the page,
see the basket, log out; in the header on a desktop and in the phone menu. And forms whose
heading the first label does not cover, in Italian and Arabic."""

import pytest

from .site_data import CITIZEN_EMAIL, CITIZEN_PASSWORD, build_site

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(live_server, transactional_db):
    return build_site()


@pytest.fixture
def context_at(browser):
    contexts = []

    def open_page(viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in_from(page, base, path):
    """Follow the header's "Log in" from ``path`` and log in; the browser lands back there."""
    page.goto(base + path)
    login = page.locator(".it-header-slim-wrapper [data-element='personal-area-login']")
    assert f"next={path}" in login.get_attribute("href").replace("%2F", "/")
    login.click()
    page.fill("#id_login-username", CITIZEN_EMAIL)
    page.fill("#id_login-password", CITIZEN_PASSWORD)
    page.click("button[name=login_submit]")
    page.wait_for_url(base + path)


def test_log_in_returns_to_the_page_then_basket_and_log_out_in_the_header(
    live_server, site, context_at
):
    page = context_at(DESKTOP)
    service_url = site.url("service", "it")
    log_in_from(page, live_server.url, service_url)

    header = page.locator(".it-header-slim-wrapper")
    basket = header.locator("[data-element='basket-link']")
    assert basket.is_visible()
    basket.click()
    page.wait_for_url("**/shop/basket/")

    logout = header.locator("[data-element='logout']")
    assert logout.is_visible()
    assert logout.evaluate("b => b.form.method") == "post"
    logout.click()
    page.wait_for_load_state()
    page.goto(live_server.url + service_url)
    assert page.locator("header [data-element='logout']").count() == 0
    assert page.locator("header [data-element='basket-link']").count() == 0
    login = page.locator("header [data-element='personal-area-login']")
    assert login.count() == 1 and login.is_visible()


def test_the_phone_menu_has_basket_and_log_out(live_server, site, context_at):
    page = context_at(PHONE)
    log_in_from(page, live_server.url, site.url("guide", "it"))
    # In the header row only the account link: the rest would not fit.
    assert not page.locator(".wemi-account-links-header [data-element='logout']").is_visible()
    page.click("button.custom-navbar-toggler")
    menu = page.locator("#main-menu")
    basket = menu.locator("[data-element='basket-link']")
    basket.wait_for(state="visible")
    logout = menu.locator("[data-element='logout']")
    assert logout.is_visible()
    # The menu slides in from the side: wait until it has (then the button is on screen).
    page.wait_for_function(
        "() => { const r = document.querySelector('#main-menu [data-element=logout]')"
        ".getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; }"
    )
    box = logout.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"]
    logout.click()
    page.wait_for_load_state()
    page.goto(live_server.url + "/it/shop/accounts/")
    assert "/accounts/login/" in page.url  # logged out: the account asks to log in again


def test_log_in_returns_to_the_page_in_arabic(live_server, site, context_at):
    page = context_at(PHONE)
    log_in_from(page, live_server.url, site.url("service", "ar"))


def overlaps(first, second):
    return not (
        first["x"] + first["width"] <= second["x"]
        or second["x"] + second["width"] <= first["x"]
        or first["y"] + first["height"] <= second["y"]
        or second["y"] + second["height"] <= first["y"]
    )


def assert_heading_clear_of_first_label(page, form):
    heading = page.locator(f"{form} h2").first.bounding_box()
    label = page.locator(f"{form} .form-group label").first.bounding_box()
    assert heading and label
    assert not overlaps(heading, label), (form, heading, label)


@pytest.mark.parametrize("language", ["it", "ar"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_form_headings_are_not_covered_by_the_first_label(
    live_server, site, context_at, language, viewport
):
    page = context_at(viewport)
    page.goto(f"{live_server.url}/{language}/shop/accounts/login/")
    assert_heading_clear_of_first_label(page, "#login_form")
    assert_heading_clear_of_first_label(page, "#register_form")
    page.fill("#id_login-username", CITIZEN_EMAIL)
    page.fill("#id_login-password", CITIZEN_PASSWORD)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/{language}/shop/isee/")
    heading = page.locator("main form").locator("xpath=preceding-sibling::h2[1]").bounding_box()
    label = page.locator("main form .form-group label").first.bounding_box()
    assert not overlaps(heading, label), (heading, label)


ONE_CHEVRON = """() => [...document.querySelectorAll('main select')].filter(select => {
  const style = getComputedStyle(select);
  return style.appearance !== 'none' && style.backgroundImage !== 'none';
}).map(select => select.name)"""


@pytest.mark.parametrize("language", ["it", "ar"])
def test_selects_show_one_chevron(live_server, site, context_at, language):
    """Bootstrap Italia's ``.select-wrapper select`` keeps the browser's own arrow; the
    ``form-select`` class added Bootstrap's drawn one beside it (two arrows on every form)."""
    page = context_at(PHONE)
    log_in_from(page, live_server.url, site.url("service", language))
    selects = 0
    for path in (site.url("service", language), f"/{language}/shop/isee/",
                 f"/{language}/shop/checkout/contact/"):
        page.goto(live_server.url + path)
        selects += page.locator("main select").count()
        assert page.evaluate(ONE_CHEVRON) == [], path
    assert selects
