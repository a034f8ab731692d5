"""An operator buys for a citizen who authorised them; the citizen then sees the order (placed
by the operator, at the desk) and the access log — in Italian and in Arabic."""

import datetime

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from content import factories
from content.spaces.operators import make_space_operator
from marketplace import factories as shop
from marketplace.privacy import rules
from marketplace.privacy.models import DataAccess, Delegation

from .shots import shoot
from .site_data import home_care_service

Order = get_model("order", "Order")


@pytest.fixture
def world(transactional_db, home_page):
    _provider, service, quartiere = home_care_service(accredited=True)
    offer = shop.make_offer(
        service, price="22.00", unit="hour", pricing_kind="accredited", capacity=8
    )
    space = factories.make_space("Spazio WeMi Prova Tortona")
    operator = shop.make_citizen(
        "operatore@wemi.example",
        password="wemi-operatore",
        first_name="Olga",
        last_name="Operatrice",
    )
    make_space_operator(operator, space)
    citizen = shop.make_citizen(
        "maria@wemi.example",
        password="wemi-cittadino",
        isee="12000",
        first_name="Maria",
        last_name="Rossi",
    )
    now = timezone.now()
    Delegation.objects.create(
        operator=operator,
        citizen=citizen,
        purposes=[rules.PURCHASE, rules.ORDERS],
        granted_via=Delegation.GrantedVia.CITIZEN_ONLINE,
        space_key=space.translation_key,
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=30),
        created_by=citizen,
    )
    return service, offer, quartiere, operator, citizen


def log_in(page, base, email, password, language="it"):
    page.goto(f"{base}/{language}/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["it", "ar"])
def test_operator_buys_for_the_citizen_who_sees_it(live_server, browser, page, world, language):
    service, offer, quartiere, operator, citizen = world
    base = live_server.url

    log_in(page, base, "operatore@wemi.example", "wemi-operatore", language)
    page.goto(f"{base}/{language}/shop/accounts/")
    page.click("[data-element=desk-link]")
    page.wait_for_url("**/privacy/desk/")
    page.locator("#authorised-citizens button[type=submit]").first.click()
    page.wait_for_url(f"**/{language}/")
    assert "Maria Rossi" in page.inner_text("[data-element=acting-banner]")

    page.goto(base + service.url.replace("/it/", f"/{language}/"))
    offers = page.locator("#offers-heading").locator("xpath=..")
    assert "6,60" in offers.inner_text() or "6.60" in offers.inner_text()  # her price
    page.check(f"input[name=offer][value='{offer.pk}']", force=True)
    start = timezone.localdate() + datetime.timedelta(days=7)
    page.fill("#id_start_date", start.isoformat())
    page.check("input[name=frequency][value=weekly]", force=True)
    page.fill("#id_street", "Via Pascoli 12")
    page.select_option("#id_zone", str(quartiere.pk))
    page.click("form[action*='/add/'] button[type=submit]")
    page.wait_for_url("**/shop/basket/")
    page.click("a[href$='/shop/checkout/']")
    page.wait_for_url("**/checkout/contact/")
    page.fill("#id_phone", "+39 02 1234567")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/checkout/payment-method/")
    page.check("input[name=method][value=pay-provider]", force=True)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/checkout/preview/")
    # The summary shows whom the order is for, and asks how the citizen agreed to it.
    assert "Maria Rossi" in page.inner_text("#acting-citizen")
    shoot(page, f"acting-preview-{language}")
    page.check("input[name=channel][value=phone]", force=True)
    page.check("#id_citizen_agreed", force=True)
    page.click("#place-order")  # no note of the call: refused, the choices kept
    assert page.locator("#id_consent_note-errors").is_visible()
    assert page.is_checked("input[name=channel][value=phone]")
    shoot(page, f"acting-preview-error-{language}")
    page.fill("#id_consent_note", "Chiamata al +39 02 1234567 alle 10:05, confermato")
    page.check("#id_citizen_agreed", force=True)
    page.click("#place-order")
    page.wait_for_url("**/checkout/thank-you/")
    order = Order.objects.get()
    assert (order.user, order.placed_by, order.channel) == (citizen, operator, "phone")
    assert order.consent_note.startswith("Chiamata al")

    # Outside the allow-list: 403 in acting mode.
    response = page.request.get(f"{base}/{language}/shop/accounts/")
    assert response.status == 403
    page.click("[data-element=acting-banner] form button[type=submit]")
    page.wait_for_url("**/privacy/desk/")

    # The citizen sees the order, placed for them at the desk, and who saw their data.
    citizen_context = browser.new_context(viewport={"width": 390, "height": 844})
    citizen_page = citizen_context.new_page()
    log_in(citizen_page, base, "maria@wemi.example", "wemi-cittadino", language)
    citizen_page.goto(f"{base}/{language}/shop/accounts/orders/{order.number}/")
    assert "Olga Operatrice" in citizen_page.inner_text("#order-channel")
    assert "10:05" in citizen_page.inner_text("#order-consent-note")
    shoot(citizen_page, f"citizen-order-{language}")
    citizen_page.goto(f"{base}/{language}/shop/accounts/privacy/access-log/")
    table = citizen_page.inner_text("#access-log")
    assert "Olga Operatrice" in table
    shoot(citizen_page, f"citizen-access-log-{language}")
    assert (
        DataAccess.objects.filter(subject=citizen, action=DataAccess.Action.PLACE_ORDER).count()
        == 1
    )
    citizen_context.close()


@pytest.mark.parametrize("language", ["it", "ar"])
def test_the_new_pages_pass_axe(live_server, page, world, language):
    """The accessibility gate on the desk, its forms with errors, acting mode, and the
    citizen's access log and authorisations (with errors)."""
    from .test_accessibility import Gate

    base = live_server.url
    gate = Gate(page, base)
    log_in(page, base, "operatore@wemi.example", "wemi-operatore", language)
    prefix = f"/{language}/shop/accounts/privacy"
    gate.visit("desk", f"{prefix}/desk/")
    for label, path in (("desk consent", "/desk/consent/"), ("assisted", "/desk/assisted/")):
        gate.visit(label, prefix + path)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        gate.check(f"{label} with errors")
    gate.visit("desk", f"{prefix}/desk/")
    with page.expect_navigation():
        page.locator("#authorised-citizens button[type=submit]").first.click()
    gate.check("home in acting mode")
    gate.visit("their orders", f"{prefix}/desk/orders/")
    page.context.clear_cookies()
    log_in(page, base, "maria@wemi.example", "wemi-cittadino", language)
    gate.visit("access log", f"{prefix}/access-log/")
    gate.visit("authorisations", f"{prefix}/authorisations/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    gate.check("authorisations with errors")
    assert not gate.failures, gate.report()
