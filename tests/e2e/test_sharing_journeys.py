"""Issue #14's "Done when", each journey through the web UI in Italian and in Arabic:

1. a household starts a group on a service page, shares the invite link, a second household
   joins from another account and sees the price fall; the deadline passes, the scheduled
   ``close_sharing_groups`` command confirms the group, and both households find their order
   (at their own ISEE share) in their account;
2. a condominium administrator (verified organisation) buys one service for the building:
   one order billed to the organisation at full price;
3. the provider's staff sees the confirmed group as one row of the orders workspace and
   accepts, then delivers, the whole group at once.

Amounts are read as each page prints them: "15,00 €" in Italian, "15.00 €" in Arabic.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.organisations import services as organisations
from marketplace.organisations.models import Organisation, OrganisationOrder
from marketplace.sharing import groups
from marketplace.sharing.models import Membership, PriceTier, SharingGroup

from .shopping import fill_sharing_group
from .shots import shoot
from .site_data import home_care_service
from .test_emails_and_payment import italian_admin_user, place_order, recreate_permissions

Order = get_model("order", "Order")
Line = get_model("order", "Line")

PASSWORD = "wemi-cittadino"
LANGUAGES = ["it", "ar"]


def amount(value, language):
    """``value`` (EUR) as the page prints it in ``language`` (no thousands here)."""
    text = f"{Decimal(value):.2f}"
    return text.replace(".", ",") if language == "it" else text


@pytest.fixture
def shared_service(transactional_db, home_page, settings, live_server):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    recreate_permissions()  # the provider's staff group needs the admin's permissions
    provider, service, quartiere = home_care_service(accredited=True)
    service.sharable = True
    service.save_revision().publish()
    offer = shop.make_offer(service, price="20.00", unit="hour", pricing_kind="accredited")
    for low, high, price in ((2, 3, "15.00"), (4, None, "12.00")):
        PriceTier.objects.create(
            stockrecord=offer, min_households=low, max_households=high,
            unit_price=Decimal(price), valid_from=datetime.date(2020, 1, 1),
        )
    return provider, service, offer, quartiere


def in_language(url, language):
    """The address of an Italian page in ``language`` (its alias there)."""
    return f"/{language}/" + url.split("/", 2)[2]


def log_in(page, base, email, language, next_url, password=PASSWORD):
    page.goto(f"{base}/{language}/shop/accounts/login/?next={next_url}")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_url(f"**{next_url}")


def new_page(browser, width=1280):
    return browser.new_context(viewport={"width": width, "height": 900}).new_page()


@pytest.mark.parametrize("language", LANGUAGES)
def test_group_started_shared_joined_and_ordered_at_the_deadline(
    live_server, browser, shared_service, language
):
    _provider, service, offer, quartiere = shared_service
    organiser_user = shop.make_citizen(f"organizza.{language}@wemi.example", isee="40000")
    neighbour_user = shop.make_citizen(f"aderisce.{language}@wemi.example", isee="12000")
    base = live_server.url
    service_url = in_language(service.url, language)

    # The organiser reads the prices per household and starts a private group.
    organiser = new_page(browser)
    log_in(organiser, base, organiser_user.email, language, service_url)
    assert organiser.locator("html").get_attribute("lang") == language
    panel = organiser.inner_text("#sharing")
    for price in ("20.00", "15.00", "12.00"):
        assert amount(price, language) in panel
    fill_sharing_group(organiser, offer.pk, quartiere.pk)
    organiser.click("label[for=id_group-is_public]")  # private: by invite link only
    assert not organiser.is_checked("#id_group-is_public")
    organiser.click("#sharing form button[type=submit]")
    organiser.wait_for_url(f"**/{language}/shop/sharing/groups/*/")
    group = SharingGroup.objects.get()
    assert (group.is_public, group.households_count) == (False, 1)
    assert group.memberships.get().language == language  # her e-mails come in her language
    assert amount("20.00", language) in organiser.inner_text("[data-testid=current-price]")
    invite = organiser.input_value("#invite-link")
    assert invite.startswith(f"{base}/{language}/shop/sharing/invite/")
    shoot(organiser, f"sharing-group-organiser-{language}")

    # A second household, in its own browser, opens the link: what it joins, at most what.
    neighbour = new_page(browser, width=390)
    log_in(neighbour, base, neighbour_user.email, language, f"/{language}/shop/sharing/")
    neighbour.goto(invite)
    assert organiser_user.email not in neighbour.content()  # counts only, nobody named
    assert amount("15.00", language) in neighbour.inner_text("main")  # the price if it joins
    shoot(neighbour, f"sharing-invite-{language}")
    neighbour.click("main form[action$='/join/'] button[type=submit]")
    neighbour.wait_for_url(f"**/{language}/shop/sharing/groups/{group.pk}/")
    assert amount("15.00", language) in neighbour.inner_text("[data-testid=current-price]")
    assert re.search(r"^2\b", neighbour.inner_text("[data-testid=households]").strip())
    shoot(neighbour, f"sharing-group-joined-{language}")

    # The organiser watches the price fall.
    organiser.reload()
    assert amount("15.00", language) in organiser.inner_text("[data-testid=current-price]")
    assert amount("20.00", language) not in organiser.inner_text("[data-testid=current-price]")

    # The deadline passes; the scheduled command closes the group (a second run: nothing).
    SharingGroup.objects.filter(pk=group.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()
    call_command("close_sharing_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("close_sharing_groups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    group.refresh_from_db()
    assert group.status == SharingGroup.Status.CONFIRMED
    assert Order.objects.count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [organiser_user.email, neighbour_user.email]
    )

    # Each household finds its order in its account, at its own share of 15 EUR per hour.
    for household, page, expected in (
        (neighbour_user, neighbour, "4.50"),  # ISEE 12,000: the 30 % band
        (organiser_user, organiser, None),
    ):
        order = Order.objects.get(user=household)
        if expected:
            assert order.total_incl_tax == Decimal(expected)
        page.goto(f"{base}/{language}/shop/sharing/mine/")
        mine = page.inner_text("main")
        assert order.number in mine
        assert amount("15.00", language) in mine
        page.click(f"main a:has-text('{order.number}')")
        page.wait_for_url(f"**/{language}/shop/accounts/orders/{order.number}/")
        assert amount(order.total_incl_tax, language) in page.inner_text("#order-amount-due")
    shoot(neighbour, f"sharing-order-{language}")
    neighbour.goto(f"{base}/{language}/shop/sharing/groups/{group.pk}/")
    assert Order.objects.get(user=neighbour_user).number in neighbour.inner_text("main")
    shoot(neighbour, f"sharing-group-confirmed-{language}")
    organiser.context.close()
    neighbour.context.close()


@pytest.fixture
def condominium(shared_service):
    administrator = shop.make_citizen(
        "amministratore@wemi.example", isee="12000", first_name="Paolo", last_name="Bianchi"
    )
    comune = shop.make_citizen("operatore.comune@wemi.example")
    comune.is_staff = True
    comune.save(update_fields=["is_staff"])
    organisation = organisations.register(
        administrator, kind="condominium", name="Condominio Via Padova 21",
        tax_code="97123450153", address="Via Padova 21, Milano",
    )
    organisations.review(organisation, comune, Organisation.Status.VERIFIED)
    return administrator, organisation


@pytest.mark.parametrize("language", LANGUAGES)
def test_condominium_administrator_buys_for_the_building(
    live_server, browser, shared_service, condominium, language
):
    _provider, service, offer, quartiere = shared_service
    administrator, organisation = condominium
    base = live_server.url
    detail = f"/{language}/shop/organisations/{organisation.pk}/"
    page = new_page(browser)
    log_in(page, base, administrator.email, language, detail)
    page.select_option("#buy-service", str(service.translation_key))
    page.click("form[action$='/buy/'] button[type=submit]")
    page.wait_for_url(f"**/{language}/shop/organisations/{organisation.pk}/buy/?service=*")
    assert "Condominio Via Padova 21" in page.inner_text("main .lead")
    page.check(f"input[name=offer][value='{offer.pk}']", force=True)
    page.fill("#id_quantity", "10")
    page.fill("#id_households", "24")
    page.fill("#id_start_date", (timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    page.check("input[name=frequency][value=weekly]", force=True)
    page.fill("#id_street", "Via Padova 21")
    page.select_option("#id_zone", str(quartiere.pk))
    shoot(page, f"organisation-buy-{language}")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/{language}/shop/accounts/orders/*/")

    billing = OrganisationOrder.objects.get()
    order = billing.order
    assert Order.objects.count() == 1 and order.user == administrator
    assert (billing.organisation, billing.households) == (organisation, 24)
    # 10 hours at the offer's full 20 EUR: no ISEE share (his own band would be 30 %).
    assert order.total_incl_tax == Decimal("200.00")
    assert order.number in page.inner_text("h1")
    assert amount("200.00", language) in page.inner_text("#order-amount-due")
    shoot(page, f"organisation-order-{language}")
    page.goto(base + detail)
    orders = page.inner_text("main section[aria-labelledby=orders-heading]")
    assert order.number in orders
    page.context.close()


def confirmed_group(offer, quartiere, households=3):
    organiser = shop.make_citizen("organizza@wemi.example", isee="40000")
    group, _token = groups.start_group(
        offer, organiser, "it", context="school", min_households=2, max_households=6,
        deadline=timezone.now() + datetime.timedelta(days=2),
        start_date=timezone.localdate() + datetime.timedelta(days=6), frequency="weekly",
        zone=quartiere, place="Scuola Pascoli", is_public=True,
    )
    for number in range(households - 1):
        groups.join(group, shop.make_citizen(f"famiglia{number}@wemi.example", isee="12000"),
                    "ar" if number % 2 else "it")
    SharingGroup.objects.filter(pk=group.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    groups.close_due_groups()
    group.refresh_from_db()
    assert group.status == SharingGroup.Status.CONFIRMED
    return group


def test_provider_accepts_and_delivers_the_group_as_one_unit(
    live_server, browser, shared_service
):
    provider, service, offer, quartiere = shared_service
    group = confirmed_group(offer, quartiere, households=3)
    # An ordinary order of the same provider, to tell a group's row from a household's.
    single = place_order(shop.make_citizen("singola@wemi.example"), offer)
    staff = italian_admin_user("segreteria@girasole.example")
    staff.groups.add(provider.staff_group)
    base = live_server.url
    page = new_page(browser)
    log_in(page, base, staff.email, "it", "/cms/marketplace/orders/",
           password="wemi-ente-2026")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 2  # the group, once, and the single order
    row = rows.filter(has_text="Gruppo di condivisione").inner_text()
    assert f"Gruppo di condivisione {group.pk}: 3 nuclei" in row
    numbers = set(
        Membership.objects.filter(group=group).values_list("order_line__order__number",
                                                           flat=True)
    )
    assert len(numbers) == 3 and not any(number in row for number in numbers)
    assert str(single.number) in page.inner_text("table.listing")
    shoot(page, "provider-orders-group-it")

    page.click(f"table.listing a[href$='/sharing/{group.pk}/']")
    page.wait_for_url(f"**/{group.pk}/")
    assert page.locator("main table.listing tbody tr").count() == 3
    start = timezone.localtime() + datetime.timedelta(days=9)
    page.fill("#id_scheduled_start", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_notes", "Inizio alle 8:30 davanti alla scuola")
    page.click("button[name=action][value=accept]")
    page.wait_for_load_state()
    lines = Line.objects.filter(sharing_membership__group=group)
    assert set(lines.values_list("status", flat=True)) == {"accepted"}
    assert "3 famiglie accettate" in page.inner_text("body")
    page.click("button[name=action][value=deliver]")
    page.wait_for_load_state()
    assert set(lines.values_list("status", flat=True)) == {"delivered"}
    assert "3 nuclei consegnati" in page.inner_text("body")
    assert page.locator("button[name=action][value=deliver]").count() == 0
    shoot(page, "provider-group-delivered-it")
    group.refresh_from_db()
    assert group.status == SharingGroup.Status.CONFIRMED
    page.context.close()
