import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from content.factories import make_zone
from content.taxonomy.models import Zone
from marketplace import line_options
from marketplace.fulfilment import statuses as s
from marketplace.fulfilment import workflow

from .conftest import make_offer, make_user, place_order

Option = get_model("catalogue", "Option")

LIST = reverse("marketplace_fulfilment:line_list")
EXPORT = reverse("marketplace_fulfilment:line_export")


def detail_url(line):
    return reverse("marketplace_fulfilment:line_detail", args=[line.pk])


def action_url(line, action):
    return reverse("marketplace_fulfilment:line_action", args=[line.pk, action])


def future(days=3):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def is_not_found(response):
    """A 404 (outside the language prefix Django's LocaleMiddleware first redirects it)."""
    return response.status_code == 404


@pytest.fixture
def line_b(citizen, provider_b):
    return place_order(citizen, provider_b.offer).lines.get()


def test_anonymous_is_sent_to_the_login(client, line_a):
    for url in [LIST, EXPORT, detail_url(line_a)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    response = client.post(action_url(line_a, "deliver"))
    assert response.status_code == 302
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


def test_citizen_cannot_use_the_admin(client, citizen, line_a):
    client.force_login(citizen)
    for url in [LIST, EXPORT, detail_url(line_a)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    client.post(action_url(line_a, "decline"), {"reason": "no"})
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


def test_admin_user_without_a_provider_is_refused(client, line_a):
    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(LIST)
    assert response.status_code == 302
    assert str(line_a.order.number) not in client.get(LIST, follow=True).content.decode()


def test_provider_lists_only_their_own_lines(client, provider_a, line_a, line_b):
    client.force_login(provider_a.staff)
    response = client.get(LIST)
    assert response.status_code == 200
    content = response.content.decode()
    assert detail_url(line_a) in content
    assert detail_url(line_b) not in content


def test_provider_cannot_see_or_act_on_another_providers_line(client, provider_a, line_b):
    client.force_login(provider_a.staff)
    assert is_not_found(client.get(detail_url(line_b), follow=True))
    for action, data in [
        ("accept", {"scheduled_start": future()}),
        ("decline", {"reason": "Non è nostro"}),
        ("deliver", {}),
    ]:
        assert is_not_found(client.post(action_url(line_b, action), data, follow=True))
    line_b.refresh_from_db()
    assert line_b.status == s.PENDING


def test_guessed_ids_are_not_found(client, provider_a, line_a):
    client.force_login(provider_a.staff)
    missing = line_a.pk + 1000
    assert is_not_found(client.get(f"/cms/marketplace/orders/lines/{missing}/", follow=True))
    assert is_not_found(
        client.post(f"/cms/marketplace/orders/lines/{missing}/deliver/", follow=True)
    )


def test_provider_accepts_with_a_schedule(
    client, provider_a, line_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(provider_a.staff)
    detail = client.get(detail_url(line_a))
    assert action_url(line_a, "accept") in detail.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url(line_a, "accept"),
            {"scheduled_start": future(), "schedule_notes": "Il martedì"},
        )
    assert response.status_code == 302
    line_a.refresh_from_db()
    assert line_a.status == s.ACCEPTED
    assert line_a.fulfilment.schedule_notes == "Il martedì"
    assert len(mailoutbox) == 1
    page = client.get(response["Location"]).content.decode()
    assert "Il martedì" in page
    assert action_url(line_a, "deliver") in page
    assert action_url(line_a, "accept") not in page


def test_form_errors_keep_the_input(client, provider_a, line_a):
    client.force_login(provider_a.staff)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        action_url(line_a, "accept"), {"scheduled_start": past, "schedule_notes": "Nota tenuta"}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nota tenuta" in content
    assert past in content
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING

    response = client.post(action_url(line_a, "decline"), {"reason": ""})
    assert response.status_code == 400
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


def test_provider_declines_and_delivers(client, provider_a, citizen):
    order = place_order(citizen, provider_a.offer, make_offer(provider_a.partner))
    client.force_login(provider_a.staff)
    first, second = order.lines.order_by("pk")

    client.post(action_url(first, "decline"), {"reason": "Nessun operatore"})
    first.refresh_from_db()
    assert first.status == s.DECLINED
    assert first.fulfilment.decline_reason == "Nessun operatore"

    client.post(action_url(second, "accept"), {"scheduled_start": future()})
    client.post(action_url(second, "deliver"))
    second.refresh_from_db()
    assert second.status == s.DELIVERED


def test_invalid_action_is_a_message_not_an_error(client, provider_a, line_a):
    client.force_login(provider_a.staff)
    response = client.post(action_url(line_a, "deliver"), follow=True)
    assert response.status_code == 200
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_unknown_action_is_not_found(client, provider_a, line_a):
    client.force_login(provider_a.staff)
    url = f"/cms/marketplace/orders/lines/{line_a.pk}/refund/"
    assert is_not_found(client.post(url, follow=True))


def test_provider_filters_by_status_and_period(client, provider_a, citizen, line_a):
    accepted = place_order(citizen, provider_a.offer).lines.get()
    workflow.accept(accepted, provider_a.staff, timezone.now() + timedelta(days=2))
    client.force_login(provider_a.staff)

    content = client.get(LIST, {"status": s.ACCEPTED}).content.decode()
    assert detail_url(accepted) in content
    assert detail_url(line_a) not in content

    today = timezone.localdate()
    content = client.get(LIST, {"placed_from": today, "placed_to": today}).content.decode()
    assert detail_url(accepted) in content and detail_url(line_a) in content
    tomorrow = today + timedelta(days=1)
    content = client.get(LIST, {"placed_from": tomorrow}).content.decode()
    assert detail_url(accepted) not in content and detail_url(line_a) not in content


def test_comune_operator_sees_every_line_and_filters_by_provider(
    client, operator, provider_a, line_a, line_b
):
    client.force_login(operator)
    content = client.get(LIST).content.decode()
    assert detail_url(line_a) in content and detail_url(line_b) in content

    content = client.get(LIST, {"provider": provider_a.partner.pk}).content.decode()
    assert detail_url(line_a) in content
    assert detail_url(line_b) not in content


def set_service_address(line, street, zone):
    for code, value in [
        (line_options.SERVICE_STREET, street),
        (line_options.SERVICE_ZONE, zone.name),
    ]:
        line.attributes.create(option=Option.objects.get(code=code), type=code, value=value)


def test_comune_operator_filters_by_zone_of_the_service_address(client, operator, line_a, line_b):
    municipio = make_zone("Municipio 1")
    brera = make_zone("Brera", kind=Zone.Kind.QUARTIERE, parent=municipio)
    elsewhere = make_zone("Municipio 8")
    set_service_address(line_a, "Via Solferino 1", brera)
    set_service_address(line_b, "Via Console Marcello 5", elsewhere)
    client.force_login(operator)

    for zone in [brera, municipio]:
        content = client.get(LIST, {"zone": zone.pk}).content.decode()
        assert detail_url(line_a) in content
        assert detail_url(line_b) not in content
    content = client.get(LIST, {"zone": elsewhere.pk}).content.decode()
    assert detail_url(line_a) not in content
    assert detail_url(line_b) in content

    header, *rows = read_csv(client.get(EXPORT, {"zone": municipio.pk}))
    assert len(rows) == 1
    assert rows[0][13] == "Brera"  # zone column
    assert "Via Solferino 1" in rows[0]


def test_comune_operator_reads_but_does_not_fulfil(client, operator, line_a):
    client.force_login(operator)
    detail = client.get(detail_url(line_a))
    assert detail.status_code == 200
    assert action_url(line_a, "accept") not in detail.content.decode()
    assert is_not_found(client.post(action_url(line_a, "decline"), {"reason": "x"}, follow=True))
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


def test_provider_filter_is_only_for_comune_operators(client, provider_a, line_a, line_b):
    client.force_login(provider_a.staff)
    content = client.get(LIST, {"provider": line_b.partner_id}).content.decode()
    assert detail_url(line_b) not in content


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_follows_the_filters(client, operator, provider_a, provider_b, line_a, line_b):
    workflow.decline(line_b, provider_b.staff, "Zona non servita")
    client.force_login(operator)

    header, *rows = read_csv(client.get(EXPORT))
    assert header[0] == "Ordine"  # the operator's admin language: Italian
    assert {row[7] for row in rows} == {"Cooperativa Alfa", "Cooperativa Beta"}

    header, *rows = read_csv(client.get(EXPORT, {"status": s.DECLINED}))
    assert len(rows) == 1
    assert rows[0][0] == str(line_b.order.number)
    assert rows[0][7] == "Cooperativa Beta"
    assert rows[0][16] == "Zona non servita"  # reason column


def test_provider_export_holds_only_their_lines(client, provider_a, line_a, line_b):
    client.force_login(provider_a.staff)
    header, *rows = read_csv(client.get(EXPORT))
    assert [row[0] for row in rows] == [str(line_a.order.number)]


def test_menu_items(client, provider_a, operator, citizen):
    client.force_login(provider_a.staff)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert LIST in home
    assert reverse("marketplace_fulfilment:offer_list") in home

    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert LIST not in home
