"""Issue #16: "every acting or staff access to citizen data writes exactly one log row (test
it on each view)".

Each case below opens one staff (or acting-mode) view that shows a citizen's personal data
and checks the rows written by that one request: exactly one per citizen shown, with the
actor, the subject, what and why; none for anybody else. Views of the desk that show no
citizen's stored data (booking for a person, a walk-in visit, the counts of the report)
write none. A list that shows several citizens writes one row for each of them, so that each
finds it in "who has seen my data".
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from content import factories
from content.appointments import booking
from content.appointments.models import DeskService, Slot
from content.spaces.operators import make_space_operator
from marketplace import factories as shop
from marketplace.privacy import rules
from marketplace.privacy.models import DataAccess
from marketplace.sharing import groups
from tests.fulfilment.conftest import place_order
from tests.privacy.conftest import make_delegation
from tests.quotes.conftest import send
from tests.sharing.conftest import group_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    """A provider with staff and an offer, two citizens with orders and ISEE, a sharing
    group, a quote request, a Spazio with an operator, an appointment and a delegation."""
    from wagtail.models import Collection, Locale

    from marketplace.defaults import ensure_all
    from marketplace.sharing.models import PriceTier

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_all()
    municipio = factories.make_zone("Municipio 3", number=3)
    quartiere = factories.make_zone("Città Studi", kind="quartiere", parent=municipio)
    need = factories.make_need("Assistenza alla persona", parent=factories.make_need("Assistenza"))
    provider = factories.make_provider("Cooperativa Girasole", municipio=municipio)
    service = factories.make_service(
        provider, "Assistenza domiciliare", needs=[need], zones=[municipio], accredited=True
    )
    offer = shop.make_offer(service, price="20.00", pricing_kind="accredited", capacity=20)
    for low, high, price in ((2, 3, "15.00"), (4, None, "12.00")):
        PriceTier.objects.create(
            stockrecord=offer, min_households=low, max_households=high, unit_price=price,
            valid_from=datetime.date(2020, 1, 1),
        )
    staff = shop.make_citizen("staff+girasole@wemi.example")
    staff.groups.add(provider.staff_group)
    maria = shop.make_citizen("maria@wemi.example", isee="12000", first_name="Maria")
    luca = shop.make_citizen("luca@wemi.example", isee="30000", first_name="Luca")
    order = place_order(maria, offer)
    place_order(luca, offer)
    group, _token = groups.start_group(
        offer, maria, "it", **group_terms({"citta_studi": quartiere}, min_households=2)
    )
    groups.join(group, luca, "it")
    groups.close_group(group.pk, by=maria, early=True)  # the households' orders are placed
    quote_request = send(
        maria, [type("P", (), {"service": service, "page": provider})()], need, quartiere
    )
    space = factories.make_space("Spazio WeMi Test", municipio=municipio)
    operator = get_user_model().objects.create_user(email="op@wemi.example", password="x")
    make_space_operator(operator, space)
    italian = Locale.objects.get(language_code="it")
    desk_service = DeskService.objects.create(locale=italian, slug="orientamento", name="Or.")
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=1)
    slot = Slot.objects.create(
        space_key=space.translation_key,
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        capacity=3,
    )
    for citizen in (maria, luca):
        booking.book_appointment(
            slot_id=slot.pk,
            desk_service=desk_service,
            reason="",
            contact_name=citizen.first_name,
            contact_email=citizen.email,
            contact_phone="",
            citizen=citizen,
            booked_by=citizen,
            channel="web",
            language="it",
        )
    booking.book_appointment(
        slot_id=slot.pk,
        desk_service=desk_service,
        reason="",
        contact_name="Senza Account",
        contact_email="",
        contact_phone="+39 02 1234",
        booked_by=operator,
        channel="phone",
        language="it",
    )
    make_delegation(operator, maria, space)
    admin = get_user_model().objects.create_superuser(email="admin@wemi.example", password="x")
    return {
        "staff": staff,
        "maria": maria,
        "luca": luca,
        "order": order,
        "line": order.lines.get(),
        "group": group,
        "quote": quote_request.quotes.get(),
        "space": space,
        "day": start.date(),
        "operator": operator,
        "admin": admin,
    }


def acting(client, world):
    client.force_login(world["operator"])
    response = client.post(
        reverse("marketplace_privacy:acting-start", kwargs={"citizen_id": world["maria"].pk})
    )
    assert response.status_code == 302


# (name, who is logged in, how to get the URL, whose data, what, why)
CASES = [
    ("order list", "staff", lambda w: reverse("marketplace_fulfilment:line_list"),
     ("maria", "luca"), "view_orders", "fulfilment"),
    ("order export", "staff", lambda w: reverse("marketplace_fulfilment:line_export"),
     ("maria", "luca"), "view_orders", "fulfilment"),
    ("order line", "staff",
     lambda w: reverse("marketplace_fulfilment:line_detail", args=[w["line"].pk]),
     ("maria",), "view_order", "fulfilment"),
    ("order list (Comune)", "admin", lambda w: reverse("marketplace_fulfilment:line_list"),
     ("maria", "luca"), "view_orders", "comune"),
    ("sharing group", "staff",
     lambda w: reverse("marketplace_sharing_admin:group_detail", args=[w["group"].pk]),
     ("maria", "luca"), "view_group", "fulfilment"),
    ("quote request", "staff", lambda w: reverse("quotes_admin:detail", args=[w["quote"].pk]),
     ("maria",), "view_quote", "fulfilment"),
    ("ISEE declarations", "admin", lambda w: reverse("isee_declarations:index"),
     ("maria", "luca"), "view_isee", "isee_check"),
    ("ISEE declaration", "admin",
     lambda w: reverse("isee_declarations:edit", args=[w["maria"].isee_declaration.pk]),
     ("maria",), "view_isee", "isee_check"),
    ("receipt (Comune)", "admin",
     lambda w: reverse("marketplace_documents:order-receipt", args=[w["order"].number]),
     ("maria",), "view_receipt", "comune"),
    ("Spazio agenda", "operator",
     lambda w: reverse("content_appointments_desk:agenda", args=[w["space"].translation_key])
     + f"?day={w['day'].isoformat()}",
     ("maria", "luca"), "view_appointments", "desk"),
    ("book for a person", "operator",
     lambda w: reverse("content_appointments_desk:book_for", args=[w["space"].translation_key]),
     (), None, None),
    ("walk-in visit", "operator",
     lambda w: reverse("content_appointments_desk:visit", args=[w["space"].translation_key]),
     (), None, None),
    ("Spazi report", "operator", lambda w: reverse("content_appointments_desk:report"),
     (), None, None),
    ("acting: the citizen's orders", "acting",
     lambda w: reverse("marketplace_privacy:acting-orders"),
     ("maria",), "view_orders", rules.ORDERS),
    ("acting: the citizen's basket", "acting", lambda w: reverse("basket:summary"),
     ("maria",), "act", rules.PURCHASE),
    ("acting: a receipt", "acting",
     lambda w: reverse("marketplace_documents:order-receipt", args=[w["order"].number]),
     ("maria",), "view_receipt", rules.ORDERS),
]


@pytest.mark.parametrize(
    "who, url, subjects, action, purpose", [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_staff_view_of_citizen_data_writes_one_row_per_citizen(
    client, world, who, url, subjects, action, purpose
):
    if who == "acting":
        acting(client, world)
        actor = world["operator"]
    else:
        actor = world[who]
        client.force_login(actor)
    before = set(DataAccess.objects.values_list("pk", flat=True))
    response = client.get(url(world))
    assert response.status_code == 200, response.status_code
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    rows = list(DataAccess.objects.exclude(pk__in=before))
    assert sorted(row.subject_id for row in rows) == sorted(world[s].pk for s in subjects)
    for row in rows:
        assert row.actor_id == actor.pk
        assert row.action == action
        assert row.purpose == purpose
        if who == "acting":
            assert row.delegation is not None and row.space_key == world["space"].translation_key
    # Opening it again is another access: the same rows again, never fewer or merged.
    client.get(url(world))
    assert DataAccess.objects.exclude(pk__in=before).count() == 2 * len(subjects)


def test_a_citizen_reading_their_own_data_writes_no_row(client, world):
    client.force_login(world["maria"])
    before = DataAccess.objects.count()
    for url in (
        reverse("customer:order-list"),
        reverse("marketplace_documents:order-receipt", args=[world["order"].number]),
        reverse("marketplace_privacy:access-log"),
    ):
        assert client.get(url).status_code == 200
    assert DataAccess.objects.count() == before


def test_the_agenda_offers_to_act_for_a_citizen_who_authorised_the_operator(client, world):
    """The two operator surfaces are linked: the agenda has "act for them" on the
    appointment of a citizen with an active delegation (Maria), not on the others."""
    client.force_login(world["operator"])
    html = client.get(
        reverse("content_appointments_desk:agenda", args=[world["space"].translation_key])
        + f"?day={world['day'].isoformat()}"
    ).content.decode()
    act_url = reverse("marketplace_privacy:acting-start", args=[world["maria"].pk])
    assert f'action="{act_url}"' in html
    assert reverse("marketplace_privacy:acting-start", args=[world["luca"].pk]) not in html
    assert reverse("marketplace_privacy:desk") in html
    desk = client.get(reverse("marketplace_privacy:desk")).content.decode()
    assert reverse("content_appointments_desk:home") in desk
