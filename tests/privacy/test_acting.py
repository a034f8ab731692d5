"""Acting for a citizen: the delegation gate, the citizen's basket and price, the order
placed by the operator at the desk, the allow-list (a walk over every URL name) and one
access-log row per acting request."""

import datetime
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone, translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace.privacy import acting, rules
from marketplace.privacy.models import DataAccess, Delegation
from tests.marketplace.helpers import (
    add_to_basket_url,
    basket_post,
    checkout_to_preview,
    confirm_form_basket,
    place_order,
)

from .conftest import make_delegation

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


def open_basket(user):
    return Basket.objects.filter(owner=user, status=Basket.OPEN).first()


def test_without_a_delegation_the_operator_cannot_act(client, space_operator, citizen):
    client.force_login(space_operator)
    url = reverse("marketplace_privacy:acting-start", kwargs={"citizen_id": citizen.pk})
    assert client.post(url).status_code == 404
    assert acting.SESSION_KEY not in client.session


@pytest.mark.parametrize("change", ["revoked", "expired", "not_started", "other_purpose"])
def test_an_inactive_delegation_does_not_open_acting_mode(
    client, space_operator, citizen, space, change
):
    now = timezone.now()
    fields = {
        "revoked": {"revoked_at": now - datetime.timedelta(minutes=1)},
        "expired": {
            "starts_at": now - datetime.timedelta(days=5),
            "ends_at": now - datetime.timedelta(days=1),
        },
        "not_started": {"starts_at": now + datetime.timedelta(days=1)},
        "other_purpose": {"purposes": [rules.ORDERS]},
    }[change]
    purposes = fields.pop("purposes", (rules.PURCHASE,))
    make_delegation(space_operator, citizen, space, purposes=purposes, **fields)
    client.force_login(space_operator)
    url = reverse("marketplace_privacy:acting-start", kwargs={"citizen_id": citizen.pk})
    assert client.post(url).status_code == 404


def test_someone_who_is_not_an_operator_has_no_desk(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("marketplace_privacy:desk")).status_code == 403
    url = reverse("marketplace_privacy:acting-start", kwargs={"citizen_id": citizen.pk})
    assert client.post(url).status_code == 403


def test_the_desk_lists_only_citizens_who_authorised_the_operator(
    client, space_operator, citizen, delegation
):
    stranger = shop.make_citizen(
        "sconosciuto@wemi.example", first_name="Sergio", last_name="Ignoto"
    )
    client.force_login(space_operator)
    html = client.get(reverse("marketplace_privacy:desk")).content.decode()
    assert "Maria Rossi" in html
    assert "Sergio Ignoto" not in html
    assert stranger.pk  # listed nowhere


def test_the_banner_shows_whom_the_operator_acts_for(acting_client, service):
    html = acting_client.get(service.url).content.decode()
    assert 'data-element="acting-banner"' in html
    assert "Maria Rossi" in html


def test_journey_operator_buys_for_the_citizen_at_their_isee_price(
    acting_client, space_operator, citizen, service, accredited_offer, zones, tomorrow
):
    # The operator's own basket, with something in it, is neither used nor merged.
    own = Basket.objects.create(owner=space_operator)
    page = acting_client.get(service.url).content.decode()
    assert "6,60" in page  # the citizen's price: 30 % of 22,00 (ISEE 12,000)
    response = acting_client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    assert response.status_code == 302
    basket = open_basket(citizen)
    assert basket is not None and basket.num_lines == 1
    assert own.num_lines == 0 and open_basket(space_operator) == own
    preview = checkout_to_preview(acting_client)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'id="acting-citizen"' in html and "Maria Rossi" in html
    assert "12.000,00" in html  # the citizen's verified ISEE, which sets her prices
    # Without the operator's confirmation that the citizen agreed, no order.
    response = place_order(acting_client, confirm_form_basket(preview), channel="desk")
    assert response.status_code == 200 and not Order.objects.exists()
    with translation.override("it"):  # the checkout is the Italian one
        refused = gettext("Confirm that the citizen agreed to this order.")
    assert refused in response.content.decode()
    response = place_order(
        acting_client, confirm_form_basket(preview), channel="desk", citizen_agreed="on"
    )
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.user == citizen
    assert order.placed_by == space_operator
    assert order.channel == Order.Channel.DESK
    line = order.lines.get()
    assert str(line.line_price_incl_tax) == "6.60"
    # The access log: one row per acting request, one of them the placement.
    rows = DataAccess.objects.filter(subject=citizen)
    assert rows.filter(action=DataAccess.Action.PLACE_ORDER).count() == 1
    assert all(row.actor == space_operator and row.delegation_id for row in rows)


def test_the_citizen_sees_the_order_placed_for_them(
    acting_client, client, citizen, service, accredited_offer, zones, tomorrow
):
    acting_client.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    preview = checkout_to_preview(acting_client)
    # By phone, a note of the call is required; the form keeps what was typed.
    response = place_order(
        acting_client, confirm_form_basket(preview), channel="phone", citizen_agreed="on"
    )
    assert response.status_code == 200 and not Order.objects.exists()
    assert 'value="phone" id="id_channel_1" checked' in response.content.decode()
    place_order(
        acting_client,
        confirm_form_basket(preview),
        channel="phone",
        citizen_agreed="on",
        consent_note="Called +39 02 1234567 at 10:05, she agreed",
    )
    order = Order.objects.get()
    assert order.channel == Order.Channel.PHONE
    assert order.consent_note == "Called +39 02 1234567 at 10:05, she agreed"
    from django.test import Client

    citizen_client = Client()
    citizen_client.force_login(citizen)
    html = citizen_client.get(
        reverse("customer:order", kwargs={"order_number": order.number})
    ).content.decode()
    assert 'id="order-channel"' in html
    assert "Olga Operatrice" in html
    assert "Called +39 02 1234567 at 10:05" in html
    log = citizen_client.get(reverse("marketplace_privacy:access-log")).content.decode()
    assert "Olga Operatrice" in log


def test_each_acting_request_writes_exactly_one_row(acting_client, citizen, service):
    before = DataAccess.objects.filter(subject=citizen).count()
    acting_client.get(service.url)
    acting_client.get(reverse("basket:summary"))
    acting_client.get(reverse("marketplace_privacy:acting-orders"))
    assert DataAccess.objects.filter(subject=citizen).count() == before + 3


def test_the_citizens_orders_and_receipt_in_acting_mode(acting_client, citizen, home_page):
    from tests.fulfilment.conftest import Provider
    from tests.fulfilment.conftest import place_order as create_order

    order = create_order(citizen, Provider("Cooperativa Carta").offer)
    html = acting_client.get(reverse("marketplace_privacy:acting-orders")).content.decode()
    assert str(order.number) in html
    before = DataAccess.objects.filter(subject=citizen).count()
    response = acting_client.get(
        reverse("marketplace_documents:order-receipt", args=[order.number])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    rows = DataAccess.objects.filter(subject=citizen).order_by("-id")
    assert rows.count() == before + 1
    assert rows.first().action == DataAccess.Action.VIEW_RECEIPT


def test_another_citizens_receipt_is_404_in_acting_mode(acting_client, home_page):
    from tests.fulfilment.conftest import Provider
    from tests.fulfilment.conftest import place_order as create_order

    stranger = shop.make_citizen("altro@wemi.example")
    order = create_order(stranger, Provider("Cooperativa Altra").offer)
    response = acting_client.get(
        reverse("marketplace_documents:order-receipt", args=[order.number])
    )
    assert response.status_code == 404
    assert not DataAccess.objects.filter(subject=stranger).exists()


def test_revoking_ends_acting_mode_at_the_next_request(acting_client, delegation, service):
    Delegation.objects.filter(pk=delegation.pk).update(revoked_at=timezone.now())
    response = acting_client.get(reverse("basket:summary"))
    assert response.status_code == 200  # the operator's own basket again
    assert acting.SESSION_KEY not in acting_client.session
    assert 'data-element="acting-banner"' not in response.content.decode()


def test_stopping_acting_mode(acting_client):
    response = acting_client.post(reverse("marketplace_privacy:acting-stop"))
    assert response.status_code == 302
    assert acting.SESSION_KEY not in acting_client.session


# The walk over every URL name -----------------------------------------------------------

CONVERTER_EXAMPLES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "path": "x", "slug": "x"}


def example_path(pattern):
    """A path the pattern matches, or None: route converters get an example value, regex
    groups ``1``."""
    text = str(pattern)
    if "<" in text and "(?P" not in text:
        return re.sub(
            r"<(?:(\w+):)?\w+>", lambda m: CONVERTER_EXAMPLES.get(m.group(1) or "str", "x"), text
        )
    text = text.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\.", ".")
    text = re.sub(r"\(\?P<\w+>[^()]*(\([^()]*\))?[^()]*\)\??", "1", text)
    text = re.sub(r"\(\?:[^()]*\)\??", "", text)
    if re.search(r"[\\()\[\]*+?|]", text):
        return None
    return text


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        part = example_path(entry.pattern)
        if part is None:
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + part, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", "/" + prefix + part


def walked_urls():
    seen = {}
    for name, path in walk(get_resolver().url_patterns):
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.view_name == name and name not in seen:
            seen[name] = path
    return seen


def test_acting_mode_answers_403_outside_the_allow_list(acting_client, citizen):
    urls = walked_urls()
    assert len(urls) > 150, "the walk reaches most URL names"
    refused = []
    for name, path in sorted(urls.items()):
        if name in acting.ACTING_ALLOWED:
            continue
        response = acting_client.get(path)
        if response.status_code != 403:
            refused.append((name, path, response.status_code))
    assert refused == []
    # Read-only names refuse a POST.
    for name in sorted(acting.GET_ONLY & urls.keys()):
        assert acting_client.post(urls[name]).status_code == 403
    # Refused requests write nothing to the log.
    assert (
        not DataAccess.objects.filter(subject=citizen, object_id__in=list(urls))
        .exclude(object_id__in=list(acting.ACTING_ALLOWED))
        .exists()
    )
