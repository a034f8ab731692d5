"""The provider's orders workspace shows a group as one unit; the group is delivered at once;
the Comune filters every group and exports them as CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace import factories as shop
from marketplace.fulfilment.roles import ensure_operators_group
from marketplace.sharing import groups

from .conftest import group_terms
from .test_views import provider_staff

pytestmark = pytest.mark.django_db


def confirmed(group, households=2):
    for number in range(households):
        groups.join(group, shop.make_citizen(f"membro{number}@wemi.example"), "it")
    groups.close_group(group.pk, by=group.organiser, early=True)
    group.refresh_from_db()
    return group


def test_orders_workspace_lists_a_group_once(client, group, service, shared_offer):
    confirmed(group, households=3)

    client.force_login(provider_staff(service))
    html = client.get(reverse("marketplace_fulfilment:line_list")).content.decode()
    assert html.count("Gruppo di condivisione") + html.count("Sharing group") >= 1
    group_url = reverse("marketplace_sharing_admin:group_detail", kwargs={"pk": group.pk})
    assert html.count(f'href="{group_url}"') == 1  # one row for four households
    numbers = list(group.memberships.values_list("order_line__order__number", flat=True))
    assert sum(html.count(f">{number}<") for number in numbers) == 0
    # The CSV export still lists every household's line.
    export = client.get(reverse("marketplace_fulfilment:line_export"))
    body = b"".join(export.streaming_content).decode()
    assert sum(number in body for number in numbers) == 4


def test_the_group_row_shows_what_all_its_households_pay(client, group, service, shared_offer):
    """Not the first household's price: the group's row stands for every household."""
    from decimal import Decimal

    from django.db.models import Sum

    confirmed(group, households=3)
    total = group.memberships.aggregate(t=Sum("order_line__line_price_incl_tax"))["t"]
    first = group.memberships.order_by("order_line__pk").first().order_line.line_price_incl_tax
    assert total > first > Decimal("0")
    client.force_login(provider_staff(service))
    html = client.get(reverse("marketplace_fulfilment:line_list")).content.decode()
    row = html[html.index("Gruppo di condivisione"):]
    row = row[: row.index("</tr>")]
    assert f"{total:.2f}".replace(".", ",") in row
    assert "Tutte le famiglie insieme" in row


def test_provider_delivers_the_whole_group_at_once(client, group, service):
    confirmed(group)
    staff = provider_staff(service)
    client.force_login(staff)
    detail = reverse("marketplace_sharing_admin:group_detail", kwargs={"pk": group.pk})
    start = (timezone.localtime() + datetime.timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    client.post(detail, {"action": "accept", "scheduled_start": start})
    assert 'value="deliver"' in client.get(detail).content.decode()
    assert client.post(detail, {"action": "deliver"}).status_code == 302
    assert set(group.memberships.values_list("order_line__status", flat=True)) == {"delivered"}
    assert client.post(detail, {"action": "deliver"}).status_code in (302, 403)


def test_comune_filters_all_groups_and_exports_csv(client, group, shared_offer, zones):
    other, _token = groups.start_group(
        shared_offer, shop.make_citizen("altro.org@wemi.example"), "it",
        **group_terms(zones, context="quartiere", zone=zones["lambrate"]),
    )
    operator = shop.make_citizen("operatore@wemi.example")
    operator.groups.add(ensure_operators_group())
    client.force_login(operator)
    listing = reverse("marketplace_sharing_admin:group_list")
    html = client.get(listing, {"context": "quartiere"}).content.decode()
    detail = "marketplace_sharing_admin:group_detail"
    assert reverse(detail, kwargs={"pk": other.pk}) in html
    assert reverse(detail, kwargs={"pk": group.pk}) not in html
    html = client.get(listing, {"zone": zones["citta_studi"].pk}).content.decode()
    assert reverse(detail, kwargs={"pk": group.pk}) in html
    assert reverse(detail, kwargs={"pk": other.pk}) not in html
    export = client.get(reverse("marketplace_sharing_admin:group_csv"),
                        {"status": "forming", "service": str(group.service_key)})
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode())))
    assert {row["id"] for row in rows} == {str(group.pk), str(other.pk)}
    assert {row["context"] for row in rows} == {"school", "quartiere"}
    assert "@" not in export.content.decode()  # counts only, nobody named
    filtered = client.get(reverse("marketplace_sharing_admin:group_csv"), {"context": "school"})
    assert len(list(csv.DictReader(io.StringIO(filtered.content.decode())))) == 1


def test_joining_is_rate_limited_per_account(client, settings, shared_offer, zones):
    from django.core.cache import cache

    cache.clear()
    settings.WEMI_SHARING_JOIN_RATE = "2/h"
    found = []
    for number in range(3):
        organiser = shop.make_citizen(f"org{number}@wemi.example")
        found.append(groups.start_group(shared_offer, organiser, "it", **group_terms(zones))[0])
    joiner = shop.make_citizen("fretta@wemi.example")
    client.force_login(joiner)
    for group in found:
        client.post(reverse("marketplace_sharing:join", kwargs={"pk": group.pk}))
    counts = [g.memberships.filter(household=joiner).count() for g in found]
    assert counts == [1, 1, 0]
    response = client.post(reverse("marketplace_sharing:join", kwargs={"pk": found[2].pk}),
                           follow=True)
    assert "troppe volte" in response.content.decode() or "too many" in response.content.decode()
    cache.clear()
