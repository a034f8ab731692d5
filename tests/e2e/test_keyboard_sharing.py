"""Join a sharing group from an invite link with the keyboard only (Tab, Enter, Space and
typing), in Italian and in Arabic: invite page -> log in -> back on the invite page ->
join -> the group page shows the household in and the lower price. (axe runs on the same
pages in test_sharing.test_group_pages_pass_the_accessibility_gate.)"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from marketplace import factories as shop
from marketplace.sharing import groups
from marketplace.sharing.models import Membership, PriceTier

from .keyboard import activate, focus_with_tab, type_into
from .site_data import home_care_service

PASSWORD = "wemi-cittadino"
TWELVE = {"it": "12,00", "ar": "12.00"}  # as each language writes 12 EUR


@pytest.fixture
def invite(transactional_db, home_page):
    """A private group of two households (an organiser and a neighbour) on an accredited
    offer at 20 EUR/hour: 15 EUR from 2 households, 12 from 3; and its invite token."""
    _provider, service, quartiere = home_care_service(accredited=True)
    service.sharable = True
    service.save_revision().publish()
    offer = shop.make_offer(service, price="20.00", unit="hour", pricing_kind="accredited")
    for low, high, price in ((2, 2, "15.00"), (3, None, "12.00")):
        PriceTier.objects.create(stockrecord=offer, min_households=low, max_households=high,
                                 unit_price=Decimal(price), valid_from=datetime.date(2020, 1, 1))
    group, token = groups.start_group(
        offer,
        shop.make_citizen("organizza@wemi.example"),
        "it",
        context="condominium",
        min_households=2,
        max_households=5,
        deadline=timezone.now() + datetime.timedelta(days=3),
        start_date=timezone.localdate() + datetime.timedelta(days=8),
        frequency="weekly",
        zone=quartiere,
        is_public=False,
    )
    groups.join(group, shop.make_citizen("vicino@wemi.example"), "it")
    return group, token


@pytest.mark.parametrize("language", ["it", "ar"])
def test_join_a_group_from_an_invite_link_with_the_keyboard_only(
    page, live_server, invite, language
):
    group, token = invite
    citizen = shop.make_citizen("tastiera@wemi.example", password=PASSWORD, isee="12000")
    with translation.override(language):
        invite_path = reverse("marketplace_sharing:invite", kwargs={"token": token})
    page.goto(f"{live_server.url}{invite_path}")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    # Not logged in: the page offers to log in and comes back to the invite.
    activate(page, 'main a[href*="/accounts/login/"]')
    type_into(page, 'input[name="login-username"]', citizen.email)
    type_into(page, 'input[name="login-password"]', PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(invite_path), page.url
    # The most it will cost: 12 EUR with three households in (the price can only fall).
    assert TWELVE[language] in page.locator("main").inner_text()

    # Space on the focused button submits the form, as Enter does.
    focus_with_tab(page, "main form[action$='/join/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Space")
    membership = Membership.objects.get(group=group, household=citizen)
    assert membership.status == Membership.Status.JOINED
    assert membership.price_cap == Decimal("12.00")
    assert membership.language == language
    group.refresh_from_db()
    assert group.households_count == 3
    assert TWELVE[language] in page.inner_text("[data-testid=current-price]")
    # The page after joining offers to leave, reachable by Tab as well.
    focus_with_tab(page, "main form[action$='/leave/'] button[type=submit]")
