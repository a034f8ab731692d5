"""The citizens' group pages and the provider's workspace, through the web views."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.fulfilment.roles import ensure_operators_group
from marketplace.sharing import groups
from marketplace.sharing.models import Membership, SharingGroup, tiers_of

from .conftest import group_terms

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def url(name, language="it", **kwargs):
    with translation.override(language):
        return reverse(f"marketplace_sharing:{name}", kwargs=kwargs)


def start_data(offer, zone, **overrides):
    deadline = timezone.localtime() + datetime.timedelta(days=5)
    data = {
        "group-offer": offer.pk,
        "group-context": "school",
        "group-min_households": 2,
        "group-max_households": 5,
        "group-deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "group-start_date": (deadline.date() + datetime.timedelta(days=3)).isoformat(),
        "group-frequency": "weekly",
        "group-zone": zone.pk,
        "group-place": "Scuola primaria Pascoli",
        "group-is_public": "on",
    }
    data.update(overrides)
    return data


def test_service_page_shows_the_price_table_and_the_start_form(client, service, shared_offer):
    service.sharable = True
    service.save_revision().publish()
    citizen = shop.make_citizen("vede@wemi.example", isee="12000")
    client.force_login(citizen)
    html = client.get(service.url).content.decode()
    assert 'id="sharing-heading"' in html
    assert 'name="group-min_households"' in html
    # 6 households pay 10 EUR each, of which this household (30 % band) pays 3 EUR.
    assert re.search(r"<th scope=\"row\">6</th><td>10,00\s€</td><td>3,00\s€</td>", html)


def test_a_service_that_is_not_sharable_has_no_panel(client, service, shared_offer):
    client.force_login(shop.make_citizen("nopanel@wemi.example"))
    assert 'id="sharing-heading"' not in client.get(service.url).content.decode()
    response = client.get(url("start", service_key=service.translation_key))
    assert response.status_code == 404


def test_start_a_group_then_another_household_joins_by_link(client, service, shared_offer, zones):
    service.sharable = True
    service.save_revision().publish()
    organiser = shop.make_citizen("org@wemi.example", isee="40000")
    client.force_login(organiser)
    response = client.post(
        url("start", service_key=service.translation_key),
        start_data(shared_offer, zones["citta_studi"], **{"group-is_public": ""}),
    )
    group = SharingGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("group", pk=group.pk)
    page = client.get(response["Location"]).content.decode()
    link = re.search(r'id="invite-link"[^>]*value="([^"]+)"', page).group(1)
    path = link.split("testserver", 1)[1]

    # A private group is not found by id by others, only by its link.
    other = shop.make_citizen("invitata@wemi.example", isee="12000")
    client.force_login(other)
    assert client.get(url("group", pk=group.pk)).status_code == 404
    assert client.post(url("join", pk=group.pk)).status_code == 404
    invite_page = client.get(path)
    assert invite_page.status_code == 200
    assert "org@wemi.example" not in invite_page.content.decode()
    token = path.rstrip("/").rsplit("/", 1)[1]
    response = client.post(url("join", pk=group.pk), {"token": token})
    assert response.status_code == 302
    membership = Membership.objects.get(group=group, household=other)
    assert membership.price_cap == Decimal("15.00")
    # A second click shows the same membership, nothing more.
    client.post(url("join", pk=group.pk), {"token": token})
    assert Membership.objects.filter(group=group, household=other).count() == 1
    mine = client.get(url("mine")).content.decode()
    assert url("group", pk=group.pk) in mine

    # The organiser closes: two orders.
    client.force_login(organiser)
    response = client.post(url("close", pk=group.pk))
    assert response.status_code == 302
    assert Order.objects.count() == 2
    group.refresh_from_db()
    assert group.status == "confirmed"
    # The link died with the group.
    assert client.get(path).status_code == 404


def test_bad_start_keeps_the_input_and_explains(client, service, shared_offer, zones):
    service.sharable = True
    service.save_revision().publish()
    client.force_login(shop.make_citizen("sbaglia@wemi.example"))
    response = client.post(
        url("start", service_key=service.translation_key),
        start_data(shared_offer, zones["qt8"], **{"group-min_households": 6,
                                                 "group-max_households": 3}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Scuola primaria Pascoli" in html
    assert 'id="form-errors"' in html
    assert SharingGroup.objects.count() == 0


def test_list_searches_public_groups_by_zone(client, group, zones, shared_offer, organiser):
    groups.start_group(
        shared_offer, organiser, "it", **group_terms(zones, zone=zones["qt8"], is_public=False)
    )
    html = client.get(url("list")).content.decode()
    assert html.count('class="h5 card-title"') == 1
    html = client.get(url("list"), {"zone": zones["qt8"].pk}).content.decode()
    assert 'class="h5 card-title"' not in html
    html = client.get(url("list"), {"zone": zones["municipio_3"].pk}).content.decode()
    assert html.count('class="h5 card-title"') == 1
    assert client.get(url("list"), {"zone": "x"}).status_code == 200


def test_leave_from_my_groups(client, group):
    member = shop.make_citizen("esce@wemi.example")
    groups.join(group, member, "it")
    client.force_login(member)
    response = client.post(url("leave", pk=group.pk))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.households_count == 1
    assert client.post(url("leave", pk=group.pk)).status_code == 404
    assert client.get(url("group", pk=999999)).status_code == 404
    assert client.get(url("invite", token="nope")).status_code == 404


@pytest.mark.parametrize(
    "language, price", [("it", "15,00 €"), ("en", "15.00 €"), ("ar", "15.00 €")]
)
def test_the_joined_message_writes_the_price_as_the_language_does(client, group, language,
                                                                    price):
    """The price in "you will pay at most ..." follows the reader's language, like the
    page around it (it was "15.00" in Italian; Django's own Arabic format would say "15,00"
    where the page's prices say "15.00")."""
    client.force_login(shop.make_citizen(f"prezzo.{language}@wemi.example"))
    response = client.post(url("join", language=language, pk=group.pk), follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert price in message


def test_only_the_organiser_closes_or_changes_the_link(client, group):
    client.force_login(shop.make_citizen("intruso@wemi.example"))
    for name in ("close", "new-link", "revoke-link"):
        assert client.post(url(name, pk=group.pk)).status_code == 404


def test_arabic_pages_are_right_to_left(client, group):
    client.force_login(group.organiser)
    html = client.get(url("group", language="ar", pk=group.pk)).content.decode()
    assert 'dir="rtl"' in html


def provider_staff(service):
    staff = shop.make_citizen("staff+girasole@wemi.example")
    staff.groups.add(service.get_parent().specific.staff_group)
    return staff


def test_provider_sees_its_groups_and_accepts_the_whole_group(client, group, service):
    groups.join(group, shop.make_citizen("due@wemi.example"), "it")
    groups.join(group, shop.make_citizen("tre@wemi.example"), "en")
    groups.close_group(group.pk, by=group.organiser, early=True)
    staff = provider_staff(service)
    client.force_login(staff)
    listing = client.get(reverse("marketplace_sharing_admin:group_list"))
    assert listing.status_code == 200
    detail_url = reverse("marketplace_sharing_admin:group_detail", kwargs={"pk": group.pk})
    assert 'name="action" value="accept"' in client.get(detail_url).content.decode()
    response = client.post(detail_url, {"action": "accept", "scheduled_start": ""})
    assert response.status_code == 400  # a start date is needed
    start = (timezone.localtime() + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(detail_url, {"action": "accept", "scheduled_start": start})
    assert response.status_code == 302
    assert set(
        group.memberships.values_list("order_line__status", flat=True)
    ) == {"accepted"}


def test_other_providers_do_not_see_the_group(client, group, service):
    from content import factories

    other = factories.make_provider("Altra Cooperativa")
    staff = shop.make_citizen("staff+altra@wemi.example")
    staff.groups.add(other.staff_group)
    shop.partner_for(other)
    client.force_login(staff)
    detail_url = reverse("marketplace_sharing_admin:group_detail", kwargs={"pk": group.pk})
    assert client.get(detail_url).status_code == 404
    tiers_url = reverse("marketplace_sharing_admin:tiers", kwargs={"pk": group.offer.pk})
    assert client.get(tiers_url).status_code == 404


def tier_data(offer, extra=()):
    """The tier editor's POST data: the offer's tiers as they are, then ``extra`` rows."""
    existing = list(offer.sharing_tiers.all())
    data = {
        "tiers-TOTAL_FORMS": len(existing) + len(extra),
        "tiers-INITIAL_FORMS": len(existing),
        "tiers-MIN_NUM_FORMS": 0,
        "tiers-MAX_NUM_FORMS": 1000,
    }
    rows = [
        {"id": tier.pk, "min_households": tier.min_households,
         "max_households": tier.max_households or "", "unit_price": tier.unit_price,
         "valid_from": tier.valid_from.isoformat(),
         "valid_until": tier.valid_until.isoformat() if tier.valid_until else ""}
        for tier in existing
    ] + list(extra)
    for index, row in enumerate(rows):
        data[f"tiers-{index}-stockrecord"] = offer.pk
        for key, value in row.items():
            data[f"tiers-{index}-{key}"] = value
    return data


def test_tiers_of_accredited_offers_are_set_by_the_comune(client, service, shared_offer):
    tiers_url = reverse("marketplace_sharing_admin:tiers", kwargs={"pk": shared_offer.pk})
    client.force_login(provider_staff(service))
    response = client.get(tiers_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="tiers-0-unit_price"' not in page  # read-only for the provider
    assert "01/01/2020" in page  # the validity is shown
    data = tier_data(shared_offer)
    data["tiers-0-unit_price"] = "14.00"
    assert client.post(tiers_url, data).status_code in (302, 403)  # Wagtail: back to /cms/
    assert shared_offer.sharing_tiers.get(min_households=2).unit_price == Decimal("15.00")
    operator = shop.make_citizen("operatore@wemi.example")
    operator.groups.add(ensure_operators_group())
    client.force_login(operator)
    assert 'name="tiers-0-valid_from"' in client.get(tiers_url).content.decode()
    data = tier_data(shared_offer)
    data["tiers-0-unit_price"] = "25.00"
    response = client.post(tiers_url, data)
    assert response.status_code == 400  # above the individual price (20 EUR)
    data["tiers-0-unit_price"] = "16.00"
    response = client.post(tiers_url, data)
    assert response.status_code == 400  # a list in effect is not rewritten
    assert response.context["formset"].forms[0].non_field_errors()
    # It is given a last day, and the new prices start the day after.
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    data = tier_data(shared_offer, [{"min_households": 2, "max_households": "",
                                     "unit_price": "16.00", "valid_from": tomorrow.isoformat(),
                                     "valid_until": ""}])
    for index in range(3):
        data[f"tiers-{index}-valid_until"] = today.isoformat()
    response = client.post(tiers_url, data)
    assert response.status_code == 302
    assert [t.unit_price for t in tiers_of(shared_offer, tomorrow)] == [Decimal("16.00")]
    assert len(tiers_of(shared_offer, today)) == 3
    assert shared_offer.sharing_tiers.get(
        min_households=2, valid_from=datetime.date(2020, 1, 1)
    ).unit_price == Decimal("15.00")


def test_comune_publishes_a_new_price_list_from_a_date(client, service, shared_offer):
    operator = shop.make_citizen("operatore@wemi.example")
    operator.groups.add(ensure_operators_group())
    client.force_login(operator)
    tiers_url = reverse("marketplace_sharing_admin:tiers", kwargs={"pk": shared_offer.pk})
    start = timezone.localdate() + datetime.timedelta(days=30)
    row = {"min_households": 2, "max_households": "", "unit_price": "11.00"}
    # A list that ends before it starts is refused, and what was typed is kept.
    bad = tier_data(shared_offer, [dict(row, valid_from=start.isoformat(),
                                        valid_until=(start - datetime.timedelta(days=1))
                                        .isoformat())])
    response = client.post(tiers_url, bad)
    assert response.status_code == 400
    assert 'value="11.00"' in response.content.decode()
    same_day = tier_data(shared_offer, [dict(row, valid_from=timezone.localdate().isoformat(),
                                             valid_until="")])
    assert client.post(tiers_url, same_day).status_code == 400  # a list is in effect today
    response = client.post(tiers_url, tier_data(
        shared_offer, [dict(row, valid_from=start.isoformat(), valid_until="")]
    ))
    assert response.status_code == 302
    assert shared_offer.sharing_tiers.count() == 4
    # Today the old list governs; from the start of the new one, 11 EUR from 2 households.
    today = [(t.min_households, t.unit_price) for t in tiers_of(shared_offer)]
    assert today == [(2, Decimal("15.00")), (4, Decimal("12.00")), (6, Decimal("10.00"))]
    later = [(t.min_households, t.unit_price) for t in tiers_of(shared_offer, start)]
    assert later == [(2, Decimal("11.00"))]


def test_market_offer_tiers_are_the_providers(client, service):
    offer = shop.make_offer(service, price="30.00", pricing_kind="market")
    tiers_url = reverse("marketplace_sharing_admin:tiers", kwargs={"pk": offer.pk})
    row = {"min_households": 2, "max_households": "", "unit_price": "24.00",
           "valid_from": timezone.localdate().isoformat(), "valid_until": ""}
    operator = shop.make_citizen("operatore@wemi.example")
    operator.groups.add(ensure_operators_group())
    client.force_login(operator)
    assert client.post(tiers_url, tier_data(offer, [row])).status_code in (302, 403, 404)
    assert not offer.sharing_tiers.exists()
    client.force_login(provider_staff(service))
    assert client.post(tiers_url, tier_data(offer, [row])).status_code == 302
    assert offer.sharing_tiers.get().unit_price == Decimal("24.00")


def test_service_page_prices_use_the_tiers_in_effect_today(client, service, shared_offer):
    from marketplace.sharing.models import PriceTier

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    shared_offer.sharing_tiers.update(valid_until=yesterday)
    service.sharable = True
    service.save_revision().publish()
    client.force_login(shop.make_citizen("vede@wemi.example"))
    # No price list in effect: the offer cannot be bought together today.
    assert 'id="sharing-heading"' not in client.get(service.url).content.decode()
    PriceTier.objects.create(stockrecord=shared_offer, min_households=2, max_households=None,
                             unit_price=Decimal("13.00"), valid_from=timezone.localdate())
    html = client.get(service.url).content.decode()
    assert re.search(r"<th scope=\"row\">2</th><td>13,00\s€</td>", html)
    assert re.search(r"<th scope=\"row\">6</th><td>13,00\s€</td>", html)
