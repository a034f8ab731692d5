"""Organisation accounts: registration, verification by the Comune, members verified by the
representative, one order billed to the organisation at full price, restricted groups."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from marketplace import factories as shop
from marketplace import line_options
from marketplace.fulfilment.roles import ensure_operators_group
from marketplace.organisations import services
from marketplace.organisations.models import Organisation, OrganisationMember, OrganisationOrder
from marketplace.privacy.models import DataAccess
from marketplace.sharing import groups
from tests.sharing.conftest import group_terms

from .conftest import COMPANY_CODE, CONDOMINIUM_CODE, staff

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def url(name, language="it", **kwargs):
    with translation.override(language):
        return reverse(f"marketplace_organisations:{name}", kwargs=kwargs)


def booking_values(zones):
    return {
        line_options.START_DATE: (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        line_options.FREQUENCY: "weekly",
        line_options.SERVICE_STREET: "Via Padova 21",
        line_options.SERVICE_ZONE: zones["citta_studi"].name,
    }


def member_of(organisation, email, verify_by=None, **fields):
    user = shop.make_citizen(email, isee="9000", **fields)
    member = services.ask_to_join(user, organisation, "scala B")
    if verify_by is not None:
        services.verify_member(verify_by, member)
    return user


# Registration and verification -------------------------------------------------------------


def test_register_keeps_input_and_explains_a_bad_code(client, administrator):
    client.force_login(administrator)
    data = {"kind": "condominium", "name": "Condominio Via Padova 21",
            "tax_code": "97123450154", "address": "Via Padova 21, Milano"}
    html = client.post(url("register"), data).content.decode()
    assert "Condominio Via Padova 21" in html  # what was typed stays
    assert 'id="form-errors"' in html
    assert not Organisation.objects.exists()
    with translation.override("en"):
        html = client.post(url("register", "en"), data).content.decode()
    assert "check its digits" in html


def test_register_makes_a_pending_organisation_that_cannot_buy(client, administrator, zones,
                                                              accredited_offer):
    client.force_login(administrator)
    response = client.post(url("register"), {
        "kind": "company", "name": "Acme Logistica S.p.A.", "tax_code": f"IT{COMPANY_CODE}",
        "address": "Viale Monza 1, Milano",
    })
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert organisation.status == "pending" and organisation.tax_code == COMPANY_CODE
    rep = OrganisationMember.objects.get(organisation=organisation)
    assert rep.role == "representative" and rep.is_verified and not rep.may_act
    assert client.get(url("buy", pk=organisation.pk) + "?service=x").status_code == 404
    with pytest.raises(services.OrganisationError):
        services.place_organisation_order(
            administrator, organisation, accredited_offer, 2, 10, booking_values(zones),
            uuid.uuid4(), "it",
        )
    # The same legal entity cannot be registered twice while live.
    html = client.post(url("register"), {
        "kind": "company", "name": "Acme", "tax_code": COMPANY_CODE, "address": "x",
    }).content.decode()
    assert Organisation.objects.count() == 1 and 'id="form-errors"' in html


def test_comune_verifies_in_the_admin_with_who_and_when(client, administrator):
    from marketplace.organisations.roles import grant_organisation_permissions

    organisation = services.register(
        administrator, kind="condominium", name="Condominio Via Padova 21",
        tax_code=CONDOMINIUM_CODE, address="Via Padova 21, Milano",
    )
    operator = staff("op@wemi.example")
    ensure_operators_group()
    operator.groups.add(grant_organisation_permissions())
    client.force_login(operator)
    listing = client.get(reverse("organisations:index") + "?status=pending")
    assert listing.status_code == 200 and "Condominio Via Padova 21" in listing.content.decode()
    edit = reverse("organisations:edit", args=[organisation.pk])
    assert client.get(edit).status_code == 200
    assert DataAccess.objects.filter(actor=operator, subject=administrator).count() == 1
    # Rejecting needs a reason.
    client.post(edit, {"status": "rejected", "rejection_reason": ""})
    organisation.refresh_from_db()
    assert organisation.status == "pending"
    client.post(edit, {"status": "verified", "rejection_reason": ""})
    organisation.refresh_from_db()
    assert organisation.status == "verified"
    assert organisation.reviewed_by == operator and organisation.reviewed_at is not None
    # A citizen without the permission does not get in.
    client.force_login(administrator)
    assert client.get(edit).status_code in (302, 403)


# Members ------------------------------------------------------------------------------------


def test_members_ask_and_the_representative_verifies(client, condominium, administrator):
    resident = shop.make_citizen("residente@wemi.example", first_name="Lucia")
    client.force_login(resident)
    client.post(url("list"), {"join-tax_code": CONDOMINIUM_CODE, "join-note": "scala B, int. 4"})
    member = OrganisationMember.objects.get(user=resident)
    assert not member.is_verified and member.note == "scala B, int. 4"
    # Another resident cannot verify anybody.
    verify = url("verify-member", pk=condominium.pk, member_pk=member.pk)
    assert client.post(verify).status_code == 302
    member.refresh_from_db()
    assert not member.is_verified
    client.force_login(administrator)
    html = client.get(url("detail", pk=condominium.pk)).content.decode()
    assert "Lucia" in html and "scala B, int. 4" in html
    client.post(url("verify-member", pk=condominium.pk, member_pk=member.pk))
    member.refresh_from_db()
    assert member.is_verified and member.verified_by == administrator


def test_unknown_or_pending_codes_cannot_be_joined(client, administrator):
    services.register(administrator, kind="company", name="Acme", tax_code=COMPANY_CODE,
                      address="x")  # pending
    client.force_login(shop.make_citizen("dip@wemi.example"))
    html = client.post(url("list"), {"join-tax_code": COMPANY_CODE}).content.decode()
    assert 'id="form-errors"' in html and COMPANY_CODE in html
    assert OrganisationMember.objects.count() == 1


# One order billed to the organisation ------------------------------------------------------


def test_representative_buys_for_the_building_at_full_price_without_isee(
    client, condominium, administrator, accredited_offer, service, zones
):
    client.force_login(administrator)
    page = client.get(url("buy", pk=condominium.pk) + f"?service={service.translation_key}")
    assert page.status_code == 200
    key = str(uuid.uuid4())
    data = {
        "service": str(service.translation_key), "offer": accredited_offer.pk, "quantity": 10,
        "households": 24,
        "start_date": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        "frequency": "weekly", "street": "Via Padova 21", "zone": zones["citta_studi"].pk,
        "request_key": key,
    }
    first = client.post(url("buy", pk=condominium.pk), data)
    again = client.post(url("buy", pk=condominium.pk), data)  # double submit
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    billing = OrganisationOrder.objects.get()
    assert Order.objects.count() == 1
    line = billing.order.lines.get()
    # 10 hours at 22 EUR: the full tariff, although the administrator's own ISEE band is 30 %.
    assert line.quantity == 10
    assert line.line_price_incl_tax == Decimal("220.00")
    assert billing.order.total_incl_tax == Decimal("220.00")
    assert billing.tax_code == CONDOMINIUM_CODE and billing.households == 24
    assert line.full_unit_price == Decimal("22.00") and line.comune_contribution == Decimal("0.00")
    html = client.get(url("detail", pk=condominium.pk)).content.decode()
    assert billing.order.number in html


def test_an_untranslated_service_can_be_bought_in_every_language(
    client, condominium, administrator, accredited_offer, service
):
    """The services offered to an organisation are those of its reader's language, and the
    Italian ones not translated yet (their pages open in Arabic too): the Arabic list was
    empty."""
    from wagtail.models import Locale

    assert not service.get_translations().filter(locale__language_code="ar").exists()
    Locale.objects.get_or_create(language_code="ar")
    client.force_login(administrator)
    for language in ("ar", "it"):
        html = client.get(url("detail", language, pk=condominium.pk)).content.decode()
        assert f'<option value="{service.translation_key}">' in html
        buy = url("buy", language, pk=condominium.pk) + f"?service={service.translation_key}"
        assert client.get(buy).status_code == 200
    # One entry per service, even where both the Italian page and a translation are live.
    from marketplace.organisations.views import buyable_services

    assert list(buyable_services("ar")).count(service) == 1


def test_the_order_page_says_whom_the_order_is_billed_to(client, condominium, administrator,
                                                        accredited_offer, zones, citizen):
    billing, _created = services.place_organisation_order(
        administrator, condominium, accredited_offer, 2, 24, booking_values(zones),
        uuid.uuid4(), "it",
    )
    client.force_login(administrator)
    order_url = reverse("customer:order", kwargs={"order_number": billing.order.number})
    html = client.get(order_url).content.decode()
    assert 'id="order-billed-to"' in html and "Intestato a" in html
    assert "Condominio Via Padova 21" in html and CONDOMINIUM_CODE in html
    with translation.override("ar"):
        order_url = reverse("customer:order", kwargs={"order_number": billing.order.number})
    html = client.get(order_url).content.decode()
    assert "الفاتورة باسم" in html and '<bdi dir="ltr">97123450153</bdi>' in html
    # A citizen's own order says nothing of the kind.
    Basket = get_model("basket", "Basket")
    from oscar.core.loading import get_class
    from oscar.test.factories import create_order

    basket = Basket.objects.create(owner=citizen)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=citizen)
    basket.add_product(accredited_offer.product, 1)
    own = create_order(basket=basket, user=citizen)
    client.force_login(citizen)
    html = client.get(reverse("customer:order", kwargs={"order_number": own.number})).content
    assert b'id="order-billed-to"' not in html


def test_the_same_offer_bought_privately_keeps_the_isee_share(administrator, accredited_offer):
    from oscar.core.loading import get_class

    strategy = get_class("partner.strategy", "Selector")().strategy(user=administrator)
    info = strategy.fetch_for_product(accredited_offer.product, accredited_offer)
    assert info.price.excl_tax == Decimal("6.60")  # 30 % of 22 EUR


def test_a_forged_organisation_option_buys_nothing(condominium, accredited_offer, zones):
    from oscar.core.loading import get_class

    from marketplace.organisations.pricing import ORGANISATION_OPTION
    from marketplace.organisations.services import ensure_option

    Basket = get_model("basket", "Basket")
    Option = get_model("catalogue", "Option")
    intruder = shop.make_citizen("intruso@wemi.example", isee="9000")
    ensure_option()
    basket = Basket.objects.create(owner=intruder)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=intruder)
    option = Option.objects.get(code=ORGANISATION_OPTION)
    basket.add_product(accredited_offer.product, 1,
                       options=[{"option": option, "value": str(condominium.pk)}])
    line = basket.all_lines()[0]
    assert not line.purchase_info.availability.is_available_to_buy


def test_an_ordinary_line_is_priced_as_before(citizen, accredited_offer):
    Basket = get_model("basket", "Basket")
    from oscar.core.loading import get_class

    basket = Basket.objects.create(owner=citizen)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy(user=citizen)
    basket.add_product(accredited_offer.product, 2)
    assert basket.all_lines()[0].line_price_incl_tax == Decimal("13.20")


# Groups restricted to an organisation --------------------------------------------------------


def test_representative_opens_a_group_for_members_only(client, condominium, administrator,
                                                       service, shared_offer, zones):
    service.sharable = True
    service.save_revision().publish()
    client.force_login(administrator)
    start = reverse("marketplace_sharing:start-for", kwargs={"organisation": condominium.pk})
    assert client.get(start + f"?service={service.translation_key}").status_code == 200
    deadline = timezone.localtime() + datetime.timedelta(days=5)
    response = client.post(start, {
        "service": str(service.translation_key),
        "group-offer": shared_offer.pk, "group-min_households": 2, "group-max_households": 6,
        "group-deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "group-start_date": (deadline.date() + datetime.timedelta(days=3)).isoformat(),
        "group-frequency": "weekly", "group-zone": zones["citta_studi"].pk,
        "group-place": "Cortile",
    })
    assert response.status_code == 302
    group = condominium.sharing_groups.get()
    assert group.context == "condominium" and not group.is_public
    # A plain citizen cannot start one for the condominium.
    client.force_login(shop.make_citizen("altro@wemi.example"))
    assert client.get(start + f"?service={service.translation_key}").status_code == 404


def restricted_group(condominium, administrator, shared_offer, zones):
    group, _token = groups.start_group(
        shared_offer, administrator, "it", organisation=condominium,
        **group_terms(zones, context="condominium", is_public=False),
    )
    return group


def test_only_verified_members_join_and_they_see_each_others_names(
    client, condominium, administrator, shared_offer, zones
):
    group = restricted_group(condominium, administrator, shared_offer, zones)
    lucia = member_of(condominium, "lucia@wemi.example", administrator, first_name="Lucia",
                      last_name="Verdi")
    pending = member_of(condominium, "attesa@wemi.example", first_name="Gino")
    outsider = shop.make_citizen("fuori@wemi.example", first_name="Ugo")
    with pytest.raises(groups.NotEligible):
        groups.join(group, pending, "it")
    with pytest.raises(groups.NotEligible):
        groups.join(group, outsider, "it")
    groups.join(group, lucia, "it")
    group.refresh_from_db()
    assert group.households_count == 2
    page = reverse("marketplace_sharing:group", kwargs={"pk": group.pk})
    client.force_login(lucia)
    html = client.get(page).content.decode()
    assert 'data-testid="member-names"' in html
    assert "Lucia Verdi" in html and "Paolo Bianchi" in html
    # An outsider does not even see the group; a pending member sees it without names.
    client.force_login(outsider)
    assert client.get(page).status_code == 404
    client.force_login(pending)
    assert client.get(page).status_code == 404
    # Join through the web by an outsider with a forwarded link: refused, clearly.
    client.force_login(outsider)
    token = groups.new_invite_token(group)
    response = client.post(reverse("marketplace_sharing:join", kwargs={"pk": group.pk}),
                           {"token": token}, follow=True)
    assert "Condominio Via Padova 21" in response.content.decode()
    group.refresh_from_db()
    assert group.households_count == 2


def test_public_groups_never_show_names(client, shared_offer, zones):
    organiser = shop.make_citizen("org@wemi.example", first_name="Anna", last_name="Neri")
    group, _token = groups.start_group(shared_offer, organiser, "it", **group_terms(zones))
    other = shop.make_citizen("altra@wemi.example", first_name="Bea")
    groups.join(group, other, "it")
    client.force_login(other)
    page = reverse("marketplace_sharing:group", kwargs={"pk": group.pk})
    html = client.get(page).content.decode()
    assert "Anna" not in html and 'data-testid="member-names"' not in html


def test_data_rights_collect_and_erase(condominium, administrator):
    from marketplace.organisations.personal_data import erase_organisations, organisation_data

    assert len(organisation_data(administrator)) == 2  # membership + registered organisation
    erase_organisations(administrator, timezone.now())
    condominium.refresh_from_db()
    assert condominium.created_by is None
    assert not OrganisationMember.objects.filter(user=administrator).exists()
