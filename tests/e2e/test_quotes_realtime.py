"""Issue 18's journey in browsers, served by Daphne (pages and WebSockets, as
``manage.py runserver`` in the demo): a citizen sends one request to three providers, two
answer from their accounts in the admin, the citizen compares, chats with one in real time
(each message appears in the other browser without a reload), accepts and pays through the
checkout. In Italian, and in Arabic."""

import datetime
from functools import partial

import pytest
from channels.testing.live import make_application, set_database_connection
from daphne.testing import DaphneProcess
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections
from django.utils import timezone
from oscar.core.loading import get_model

from content import factories
from marketplace import factories as shop
from marketplace.defaults import ensure_all
from marketplace.quotes.models import Quote, QuoteRequest
from tests.quotes.conftest import Provider

from .shopping import check_out_paying_the_provider
from .waiting import wait_for_expression

Order = get_model("order", "Order")
SHOTS = "/work/wt/h18b-shots"
# Null-safe: after a post the page may still be loading its next document.
SOCKET_OPEN = "document.getElementById('thread-messages')?.dataset.channel === 'socket'"


@pytest.fixture
def asgi_server(transactional_db):
    """Daphne in a child process on the test database (Channels' own live-server recipe)."""
    for connection in connections.all():
        connection.close()
    server = DaphneProcess(
        "localhost",
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        setup=set_database_connection,
    )
    server.start()
    while not server.ready.wait(timeout=1):
        if not server.is_alive():
            raise RuntimeError("Daphne did not start")
    yield f"http://localhost:{server.port.value}"
    server.terminate()
    server.join()


@pytest.fixture
def world(transactional_db, home_page, settings):
    from wagtail.models import Collection

    settings.ALLOWED_HOSTS = ["*"]
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_all()
    municipio = factories.make_zone("Municipio 3", number=3)
    need = factories.make_need("Badante", parent=factories.make_need("Assistenza"))
    providers = [
        Provider(name, need, [municipio])
        for name in ("Cooperativa Alfa", "Cooperativa Beta", "Cooperativa Gamma")
    ]
    for provider in providers:
        provider.staff.set_password("wemi-provider")
        provider.staff.save()
    citizen = shop.make_citizen(
        "maria@wemi.example", password="wemi-cittadino", first_name="Maria", last_name="Rossi"
    )
    return need, municipio, providers, citizen


def log_in(page, base, email, password, language):
    page.goto(f"{base}/{language}/shop/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def shoot(page, name):
    import os

    os.makedirs(SHOTS, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["it", "ar"])
def test_request_compare_chat_live_accept_and_pay(asgi_server, browser, page, world, language):
    need, municipio, providers, citizen = world
    base = asgi_server
    today = timezone.localdate()

    # The citizen writes one request and sends it to the three providers.
    log_in(page, base, citizen.email, "wemi-cittadino", language)
    page.goto(f"{base}/{language}/shop/accounts/quotes/new/?need={need.slug}")
    page.select_option("#id_need", str(need.pk))
    page.fill("#id_description", "Aiuto per lavarsi e pranzo, cinque mattine a settimana")
    page.fill("#id_for_whom", "Mia madre, 82 anni")
    page.fill("#id_people", "1")
    page.fill("#id_period_start", (today + datetime.timedelta(days=7)).isoformat())
    page.fill("#id_days_times", "Lun-Ven 8-11")
    page.select_option("#id_zone", str(municipio.pk))
    page.fill("#id_address", "Via Pascoli 12")
    page.fill("#id_respond_by", (today + datetime.timedelta(days=5)).isoformat())
    page.click("button[name=action][value=providers]")
    for provider in providers:
        page.check(f"#provider-{provider.page.pk}", force=True)
    page.click("#send-request")
    page.wait_for_url("**/shop/accounts/quotes/*/")
    request = QuoteRequest.objects.get()
    assert request.quotes.count() == 3

    # Two providers answer from their accounts (the admin workspace), in other browsers.
    staff_pages = []
    for provider, price in ((providers[0], "18.00"), (providers[1], "21.00")):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        staff_page = context.new_page()
        log_in(staff_page, base, provider.staff.email, "wemi-provider", "it")
        quote = Quote.objects.get(
            request=request, partner__provider_key=provider.page.translation_key
        )
        staff_page.goto(f"{base}/cms/marketplace/quotes/{quote.pk}/")
        staff_page.select_option("#id_unit", "hour")
        staff_page.fill("#id_quantity", "20")
        staff_page.fill("#id_unit_price", price)
        staff_page.fill("#id_included", "Igiene e pranzo")
        staff_page.fill("#id_proposed_start", (today + datetime.timedelta(days=7)).isoformat())
        staff_page.fill("#id_valid_until", (today + datetime.timedelta(days=10)).isoformat())
        staff_page.click("form[action$='/answer/'] button[type=submit]")
        staff_page.wait_for_load_state()
        staff_pages.append((staff_page, quote))
    staff_page, chosen = staff_pages[0]

    # The citizen compares the two quotes side by side.
    page.reload()
    comparison = page.inner_text("main")
    assert "360" in comparison and "420" in comparison

    # Real time: both have the thread open; each message appears in the other browser
    # without a reload.
    page.goto(f"{base}/{language}/shop/accounts/quotes/quote/{chosen.uuid}/messages/")
    wait_for_expression(page, SOCKET_OPEN, 15000)
    staff_page.goto(f"{base}/cms/marketplace/quotes/{chosen.pk}/")
    wait_for_expression(staff_page, SOCKET_OPEN, 15000)
    staff_page.fill(
        "form[action$='/message/'] textarea[name=body]", "Buongiorno, possiamo iniziare lunedì."
    )
    staff_page.click("form[action$='/message/'] button[type=submit]")
    page.locator("#thread-messages li", has_text="possiamo iniziare lunedì").wait_for(timeout=5000)
    assert page.evaluate("document.activeElement === document.body")  # focus not stolen
    wait_for_expression(staff_page, SOCKET_OPEN, 15000)  # the admin page reloaded after its post
    page.fill("#message-form textarea[name=body]", "Perfetto, grazie! شكرا")
    page.click("#message-form button[type=submit]")
    staff_page.locator("#thread-messages li", has_text="Perfetto, grazie!").wait_for(timeout=5000)
    wait_for_expression(page, SOCKET_OPEN, 15000)
    shoot(page, f"conversation-{language}")

    # Accept and pay through the normal checkout.
    page.goto(f"{base}/{language}/shop/accounts/quotes/{request.uuid}/")
    page.click(f"#accept-{chosen.uuid}")
    page.wait_for_load_state()
    shoot(page, f"request-{language}")
    page.click(f"#pay-{chosen.uuid}")
    page.wait_for_url("**/shop/basket/")
    assert "360" in page.inner_text("main")
    check_out_paying_the_provider(page)
    order = Order.objects.get()
    assert order.total_incl_tax == 360
    chosen.refresh_from_db()
    assert chosen.status == "ordered"
    for other_page, _quote in staff_pages:
        other_page.context.close()


@pytest.mark.parametrize("language", ["it", "ar"])
def test_write_a_message_and_accept_with_the_keyboard_only(live_server, page, world, language):
    """Tab, typing and Enter only: log in, write to a provider, accept its quote."""
    from decimal import Decimal

    from marketplace.quotes import matching, workflow

    from .keyboard import activate, focus_with_tab, focused_is_visible, type_into

    need, municipio, providers, citizen = world
    today = timezone.localdate()
    request = workflow.send_request(
        citizen,
        [matching.offer_of(p.service, p.page) for p in providers[:2]],
        need=need, description="Aiuto al mattino", for_whom="Mia madre", people=1,
        period_start=today + datetime.timedelta(days=7), days_times="Lun-Ven 8-11",
        zone=municipio, address="Via Pascoli 12",
        respond_by=today + datetime.timedelta(days=5), language=language,
    )
    quote = request.quotes.get(partner__provider_key=providers[0].page.translation_key)
    workflow.answer(
        quote, providers[0].staff, unit="hour", quantity=Decimal("20"),
        unit_price=Decimal("18"), included="Igiene e pranzo",
        proposed_start=today + datetime.timedelta(days=7),
        valid_until=today + datetime.timedelta(days=10),
    )
    base = live_server.url
    page.goto(f"{base}/{language}/shop/accounts/login/")
    type_into(page, 'input[name="login-username"]', citizen.email)
    type_into(page, 'input[name="login-password"]', "wemi-cittadino")
    activate(page, 'button[name="login_submit"]')

    page.goto(f"{base}/{language}/shop/accounts/quotes/{request.uuid}/")
    activate(page, f"a[href$='/quote/{quote.uuid}/messages/']")
    type_into(page, "#message-form textarea[name=body]", "Va bene lunedì? هل يناسب الاثنين؟")
    assert focused_is_visible(page)
    activate(page, "#message-form button[type=submit]")
    assert "هل يناسب الاثنين" in page.inner_text("#thread-messages")

    page.goto(f"{base}/{language}/shop/accounts/quotes/{request.uuid}/")
    focus_with_tab(page, f"#accept-{quote.uuid}")
    assert focused_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    quote.refresh_from_db()
    assert quote.status == "accepted"
    assert page.locator(f"#pay-{quote.uuid}").count() == 1
