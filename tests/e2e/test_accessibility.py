"""The accessibility gate: axe-core finds no WCAG 2.1 A/AA violation on any page type, in any
language, also with form errors shown.

Every page is visited in Debian's chromium with axe-core (npm) injected; violations are
printed with their rule, the help text and the offending elements. Each page is also checked
for classes whose Bootstrap Italia rules the theme build removed (tests/theme/stylesheet.py).
"""

from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.theme.stylesheet import removed_classes, unstyled_classes

from .axe import axe_violations, describe
from .shopping import add_service_to_basket
from .site_data import CITIZEN_EMAIL, CITIZEN_PASSWORD, SEARCH_WORD, build_site

LANGUAGES = [code for code, _name in settings.LANGUAGES]
Order = get_model("order", "Order")


def _url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


class Gate:
    """Visits pages, runs axe on each and collects what it finds."""

    def __init__(self, page, base_url):
        page.set_default_timeout(10_000)
        self.page = page
        self.base_url = base_url
        self.failures = []
        self.visited = []

    def check(self, label):
        url = self.page.url
        self.visited.append(url)
        violations = axe_violations(self.page)
        if violations:
            self.failures.append(describe(label, url, violations))
        unstyled = unstyled_classes(self.page)
        if unstyled:
            self.failures.append(
                f"{label} <{url}>: classes whose Bootstrap Italia rules theme/build.mjs removed: "
                f"{', '.join(unstyled)}"
            )

    def visit(self, label, path, expected_status=200):
        response = self.page.goto(self.base_url + path)
        if response.status != expected_status:
            self.failures.append(
                f"{label} <{path}>: HTTP {response.status}, expected {expected_status}"
            )
            return
        self.check(label)

    def report(self):
        return "\n\n".join(self.failures)


@pytest.fixture
def site(live_server, transactional_db):
    from datetime import time

    from wagtail.models import Locale

    from content.appointments import slots
    from content.appointments.models import DeskService
    from content.spaces.models import OpeningHours

    site = build_site()
    # The Spazio takes appointments every day, so that the booking steps have free times.
    for weekday in range(7):
        OpeningHours.objects.create(
            page=site.pages["space"], weekday=weekday, opens=time(8), closes=time(20)
        )
    italian = Locale.objects.get(language_code="it")
    DeskService.objects.create(locale=italian, slug="orientamento", name="Orientamento")
    slots.generate(weeks=1)
    return site


@pytest.fixture
def gate(page, live_server):
    return Gate(page, live_server.url)


def visit_public_pages(gate, site, language):
    for name in ["home", "guide", "provider", "service", "space", "news_index", "news",
                 "service_index"]:
        gate.visit(name, site.url(name, language))
    gate.visit("service category", site.url("service_index", language) + site.category_slug + "/")
    gate.visit("all topics", site.url("service_index", language) + "argomenti/")
    gate.visit("topic", site.url("service_index", language) + "argomenti/assistenza-sociale/")
    search = _url("site-search", language)
    gate.visit("search page", search)
    gate.visit("search with results", f"{search}?q={SEARCH_WORD}")
    gate.visit("search without results", f"{search}?q=zzzyyyxxx")
    gate.visit("search with filters", f"{search}?q={SEARCH_WORD}&need={site.need_slug}")
    minors = _url("minors-catalogue", language)
    gate.visit("Milano 0-18", minors)
    gate.visit("Milano 0-18 by child's age", f"{minors}?age=8")
    gate.visit("Milano 0-18 with no activity for the age", f"{minors}?age=16")
    gate.visit("empty basket", _url("basket:summary", language))
    gate.visit("404", f"/{language}/questa-pagina-non-esiste/", expected_status=404)


def visit_error_states(gate, site, language):
    page = gate.page
    service = site.pages["service"]
    gate.visit("rating form", _url("feedback:rate_page", language, service.pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    gate.check("rating form with errors")
    gate.visit("report form", _url("feedback:report", language))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    gate.check("report form with errors")
    gate.visit("login", _url("customer:login", language))
    page.fill('input[name="login-username"]', CITIZEN_EMAIL)
    page.fill('input[name="login-password"]', "wrong password")
    page.locator('button[name="login_submit"]').click()
    page.wait_for_load_state()
    gate.check("login with wrong password")


def visit_shop_pages(gate, site, language):
    """Log in, book the service, go through every checkout step, then the account pages."""
    page = gate.page
    page.fill('input[name="login-username"]', CITIZEN_EMAIL)
    page.fill('input[name="login-password"]', CITIZEN_PASSWORD)
    with page.expect_navigation():
        page.locator('button[name="login_submit"]').click()
    gate.check("account summary")
    gate.visit("service page (logged in)", site.url("service", language))
    add_service_to_basket(page, site.zone.pk)
    gate.check("basket with a service")
    gate.visit("checkout", _url("checkout:index", language))
    for _step in range(6):
        if "/thank-you/" in page.url:
            break
        if page.locator('input[name="phone"]').count():
            page.fill('input[name="name"]', "Giulia Rossi")
            page.fill('input[name="phone"]', "+39 02 1234567")
        if page.locator('input[name="method"]').count():
            page.locator('input[name="method"]').first.check(force=True)
        if page.locator('#place_order_form input[type="checkbox"]').count():
            page.locator('#place_order_form input[type="checkbox"]').check(force=True)
        with page.expect_navigation():
            page.locator('main form button[type="submit"]').last.click()
        gate.check(f"checkout step {urlparse(page.url).path}")
    assert "/thank-you/" in page.url, f"checkout did not reach the receipt: {page.url}"
    order = Order.objects.filter(user=site.citizen).latest("date_placed")
    gate.visit("order list", _url("customer:order-list", language))
    gate.visit("order", _url("customer:order", language, order.number))
    gate.visit("sharing groups", _url("marketplace_sharing:list", language))
    gate.visit("my groups", _url("marketplace_sharing:mine", language))
    gate.visit("organisations", _url("marketplace_organisations:list", language))
    page.locator('main form button[type="submit"]').last.click()
    page.wait_for_load_state()
    gate.check("ask to join an organisation with errors")
    gate.visit("register an organisation", _url("marketplace_organisations:register", language))
    page.fill('input[name="tax_code"]', "97123450154")
    page.locator('main form button[type="submit"]').last.click()
    page.wait_for_load_state()
    gate.check("register an organisation with errors")
    gate.visit("your data", _url("marketplace_rights:overview", language))
    gate.visit("delete your account", _url("marketplace_rights:delete", language))
    visit_spazi_and_privacy_pages(gate, site, language)


def visit_spazi_and_privacy_pages(gate, site, language):
    """Issue #16's citizen pages: the booking steps (with an error), the appointment, moving
    and cancelling it, "your appointments", who has seen my data, my authorisations."""
    page = gate.page
    gate.visit("appointment: choose the Spazio", _url("content_appointments:book", language))
    key = site.pages["space"].translation_key
    gate.visit("appointment: date and time", _url("content_appointments:book_space", language, key))
    with page.expect_navigation():
        page.locator('button[name="go"][value="next"]').click()
    gate.check("appointment: date and time, with an error")
    page.locator('input[name="slot"]').first.check(force=True)
    for step in ("details", "applicant", "summary"):
        with page.expect_navigation():
            page.locator('button[name="go"][value="next"]').click()
        gate.check(f"appointment: {step}")
        if step == "details":
            page.locator('input[name="desk_service"]').first.check(force=True)
        if step == "applicant":
            page.fill('input[name="contact_phone"]', "+39 02 1234567")
    with page.expect_navigation():
        page.locator('button[name="go"][value="next"]').click()
    gate.check("appointment: booked")
    reference = page.url.rstrip("/").rsplit("/", 1)[-1]
    gate.visit("appointment: move", _url("content_appointments:move", language, reference))
    gate.visit("appointment: cancel", _url("content_appointments:cancel", language, reference))
    gate.visit("your appointments", _url("content_appointments:mine", language))
    gate.visit("who has seen my data", _url("marketplace_privacy:access-log", language))
    gate.visit("your authorisations", _url("marketplace_privacy:delegations", language))
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()
    gate.check("your authorisations, with errors")


def visit_quote_pages(gate, site, language):
    """Quote requests (issue 18), logged in: the list, the form (with errors, then the
    providers step), a request with a quote and a declined answer, the conversation with
    messages in Italian and Arabic (its live region included)."""
    from marketplace.quotes import matching, workflow
    from marketplace.quotes.models import QuoteMessage, QuoteRequest

    page = gate.page
    service, provider = site.pages["service"], site.pages["provider"]
    request = QuoteRequest.objects.filter(citizen=site.citizen).first()
    if request is None:
        today = date.today()
        request = workflow.send_request(
            site.citizen, [matching.offer_of(service, provider)], need=service.needs.first(),
            description="Assistenza cinque mattine a settimana", for_whom="Mia madre",
            people=1, period_start=today + timedelta(days=7), days_times="Lun-Ven 8-11",
            zone=site.zone, address="Via Padova 21", respond_by=today + timedelta(days=7),
            language="it",
        )
        quote = request.quotes.get()
        workflow.answer(quote, site.citizen, unit="hour", quantity=Decimal("10"),
                        unit_price=Decimal("18"), included="Igiene e pranzo",
                        proposed_start=today + timedelta(days=7),
                        valid_until=today + timedelta(days=10))
        workflow.post_message(quote, site.citizen, QuoteMessage.Side.CITIZEN, "Buongiorno")
        workflow.post_message(quote, site.citizen, QuoteMessage.Side.PROVIDER, "مرحبا، نعم")
    quote = request.quotes.get()
    gate.visit("quote requests", _url("quotes:request-list", language))
    gate.visit("new quote request", _url("quotes:request-new", language))
    with page.expect_navigation():
        page.locator('main form button[name="action"]').first.click()
    gate.check("new quote request with errors")
    gate.visit("quote request", _url("quotes:request-detail", language, request.uuid))
    gate.visit("conversation", _url("quotes:conversation", language, quote.uuid))


def visit_500(gate, language):
    with translation.override(language):
        html = render_to_string("500.html")
    url = f"{gate.base_url}/{language}/simulated-server-error/"
    gate.page.route(url, lambda route: route.fulfill(status=500, body=html,
                                                     content_type="text/html; charset=utf-8"))
    gate.page.goto(url)
    gate.check("500")


def add_minors_activities(site):
    """Two activities of the Milano 0-18 catalogue, one free and one paid."""
    from content import factories
    from marketplace import factories as shop_factories

    need = site.pages["service"].needs.first()
    for title, age_from, age_to, kind, price, pricing_kind in (
        ("Corso di nuoto", 6, 10, "sport", "12.00", "market"),
        ("Ludoteca", 0, 5, "recreation", "0.00", "free"),
    ):
        activity = factories.make_service(
            site.pages["provider"], title, needs=[need], serves_whole_city=True,
            age_from=age_from, age_to=age_to, activity_kind=kind,
        )
        shop_factories.make_offer(activity, price=price, unit="session", pricing_kind=pricing_kind)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe_in_every_language(gate, site, language):
    # One test per language, so that parallel test processes share the gate's languages.
    add_minors_activities(site)
    visit_public_pages(gate, site, language)
    visit_error_states(gate, site, language)
    visit_shop_pages(gate, site, language)
    visit_quote_pages(gate, site, language)
    visit_500(gate, language)
    assert len(gate.visited) >= 33
    assert not gate.failures, f"\n{gate.report()}\n"


def test_the_gate_reports_violations(gate, live_server):
    """The gate is not blind: a page with known problems fails it, with a readable report."""
    gate.page.goto(live_server.url + "/robots.txt")
    assert "it-timeline-wrapper" in removed_classes()  # no template uses the timeline
    gate.page.set_content(
        '<html><body><img src="x.png"><input type="text">'
        '<div class="it-timeline-wrapper"></div></body></html>'
    )
    gate.check("broken page")
    report = gate.report()
    assert "image-alt" in report
    assert "label" in report
    assert "html-has-lang" in report
    assert "theme/build.mjs removed: it-timeline-wrapper" in report
