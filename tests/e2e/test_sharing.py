"""A shared purchase in a browser: a citizen starts a group on a service page, a second
household joins by the invite link and sees the price fall, the organiser closes the group
and both households find their order."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.sharing.models import PriceTier, SharingGroup

from .shopping import fill_sharing_group
from .site_data import home_care_service

Order = get_model("order", "Order")


@pytest.fixture
def shared_service(transactional_db, home_page):
    _provider, service, quartiere = home_care_service(accredited=True)
    service.sharable = True
    service.save_revision().publish()
    offer = shop.make_offer(service, price="20.00", unit="hour", pricing_kind="accredited")
    for low, high, price in ((2, 3, "15.00"), (4, None, "12.00")):
        PriceTier.objects.create(
            stockrecord=offer, min_households=low, max_households=high, unit_price=Decimal(price),
            valid_from=datetime.date(2020, 1, 1),
        )
    return service, offer, quartiere


def log_in(page, base, email, next_url):
    page.goto(f"{base}/it/shop/accounts/login/?next={next_url}")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", "wemi-cittadino")
    page.click("button[name=login_submit]")
    page.wait_for_url(f"**{next_url}")


def test_start_share_join_and_close(live_server, browser, shared_service):
    service, offer, quartiere = shared_service
    shop.make_citizen("organizza@wemi.example", password="wemi-cittadino", isee="40000")
    shop.make_citizen("aderisce@wemi.example", password="wemi-cittadino", isee="12000")
    base = live_server.url
    organiser = browser.new_context().new_page()
    log_in(organiser, base, "organizza@wemi.example", service.url)

    panel = organiser.locator("#sharing")
    assert "15,00" in panel.inner_text()
    fill_sharing_group(organiser, offer.pk, quartiere.pk)
    organiser.uncheck("#id_group-is_public", force=True)
    organiser.click("#sharing form button[type=submit]")
    organiser.wait_for_url("**/shop/sharing/groups/*/")
    assert "20,00" in organiser.inner_text("[data-testid=current-price]")
    invite = organiser.input_value("#invite-link")

    neighbour = browser.new_context().new_page()
    log_in(neighbour, base, "aderisce@wemi.example", "/it/shop/sharing/")
    neighbour.goto(invite)
    assert "organizza@wemi.example" not in neighbour.content()
    neighbour.click("main form button[type=submit]")
    neighbour.wait_for_url("**/shop/sharing/groups/*/")
    assert "15,00" in neighbour.inner_text("[data-testid=current-price]")  # the price fell
    assert re.search(r"2\s*\(", neighbour.inner_text("[data-testid=households]"))

    organiser.reload()
    assert "15,00" in organiser.inner_text("[data-testid=current-price]")
    organiser.click("form[action$='/close/'] button")
    organiser.wait_for_load_state()
    assert SharingGroup.objects.get().status == "confirmed"
    assert Order.objects.count() == 2

    neighbour.goto(f"{base}/it/shop/sharing/mine/")
    order = Order.objects.get(user__email="aderisce@wemi.example")
    assert order.number in neighbour.inner_text("main")
    # 15 EUR per hour, of which her household (30 % band) pays 4.50.
    assert order.total_incl_tax == Decimal("4.50")


@pytest.mark.parametrize("language", ["it", "ar"])
def test_group_pages_pass_the_accessibility_gate(live_server, page, shared_service, language):
    """axe-core and the theme's purged classes on the sharing pages, in Italian and Arabic:
    the service page's panel, the list, a group, the invite page, My groups, form errors."""
    from django.urls import reverse
    from django.utils import translation

    from marketplace.sharing import groups

    from .test_accessibility import Gate

    service, offer, quartiere = shared_service
    citizen = shop.make_citizen("gate@wemi.example", password="wemi-cittadino", isee="12000")
    group, token = groups.start_group(
        offer,
        shop.make_citizen("altro@wemi.example"),
        "it",
        context="school",
        min_households=2,
        max_households=5,
        deadline=timezone.now() + datetime.timedelta(days=2),
        start_date=timezone.localdate() + datetime.timedelta(days=6),
        frequency="weekly",
        zone=quartiere,
        is_public=True,
    )
    gate = Gate(page, live_server.url)

    def path(name, **kwargs):
        with translation.override(language):
            return reverse(f"marketplace_sharing:{name}", kwargs=kwargs)

    gate.visit("sharing groups", path("list"))
    gate.visit("invite page", path("invite", token=token))
    log_in(page, live_server.url, citizen.email, path("list"))
    service_url = f"/{language}/" + service.url.split("/", 2)[2]
    gate.visit("service page with the sharing panel", service_url)
    page.click("#sharing form button[type=submit]")
    page.wait_for_load_state()
    gate.check("start form with errors")
    gate.visit("group", path("group", pk=group.pk))
    page.click("main form[action$='/join/'] button")
    page.wait_for_load_state()
    gate.check("group joined")
    gate.visit("my groups", path("mine"))
    assert not gate.failures, "\n" + gate.report()
