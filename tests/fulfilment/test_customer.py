from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from marketplace.fulfilment import statuses as s
from marketplace.fulfilment import workflow

from .conftest import make_user, place_order

CONFIRM = {"confirm": "yes"}


def cancel_url(line):
    return reverse(
        "marketplace_fulfilment_customer:cancel-line",
        kwargs={"order_number": line.order.number, "line_id": line.pk},
    )


def order_url(order):
    return reverse("customer:order", kwargs={"order_number": order.number})


def test_citizen_cancels_a_line_the_provider_has_not_accepted(
    client, citizen, line_a, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(line_a), CONFIRM)
    assert response.status_code == 302
    assert response["Location"] == order_url(line_a.order)
    line_a.refresh_from_db()
    assert line_a.status == s.CANCELLED
    assert line_a.order.status == s.ORDER_CANCELLED
    assert len(mailoutbox) == 1


def test_citizen_cannot_cancel_after_acceptance(client, citizen, line_a, provider_a):
    workflow.accept(line_a, provider_a.staff, timezone.now() + timedelta(days=1))
    client.force_login(citizen)
    response = client.post(cancel_url(line_a), CONFIRM, follow=True)
    assert response.status_code == 200
    line_a.refresh_from_db()
    assert line_a.status == s.ACCEPTED
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_only_the_owner_cancels(client, line_a):
    client.force_login(make_user())
    response = client.post(cancel_url(line_a), CONFIRM)
    assert response.status_code == 404
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


def test_line_of_another_order_is_not_found(client, citizen, line_a, provider_b):
    other = place_order(citizen, provider_b.offer)
    client.force_login(citizen)
    url = reverse(
        "marketplace_fulfilment_customer:cancel-line",
        kwargs={"order_number": other.number, "line_id": line_a.pk},
    )
    assert client.post(url, CONFIRM).status_code == 404


def test_cancel_needs_login_and_confirmation(client, citizen, line_a):
    response = client.post(cancel_url(line_a), CONFIRM)
    assert response.status_code == 302
    assert reverse("customer:login") in response["Location"]
    client.force_login(citizen)
    confirmation = client.get(cancel_url(line_a))
    assert confirmation.status_code == 200
    content = confirmation.content.decode()
    assert 'name="confirm" value="yes"' in content and order_url(line_a.order) in content
    assert client.post(cancel_url(line_a)).status_code == 200  # no confirm: asked again
    line_a.refresh_from_db()
    assert line_a.status == s.PENDING


def test_a_cancelled_order_shows_nothing_to_pay(
    client, citizen, line_a, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    ordered = line_a.order.total_incl_tax
    assert ordered > 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(line_a), CONFIRM)
    order = line_a.order
    order.refresh_from_db()
    assert order.amount_due == 0 and order.total_incl_tax == ordered
    content = client.get(order_url(order)).content.decode()
    amount = content.split('id="order-amount-due">', 1)[1].split("</dd>", 1)[0]
    assert "Nothing" in amount or "Niente" in amount or "nulla" in amount.lower()


def test_an_order_every_provider_declined_is_declined_not_cancelled(
    client, citizen, line_a, provider_a
):
    workflow.decline(line_a, provider_a.staff, "Nessun posto")
    line_a.order.refresh_from_db()
    assert line_a.order.status == s.ORDER_DECLINED
    client.force_login(citizen)
    content = client.get(order_url(line_a.order)).content.decode()
    assert escape(str(s.ORDER_STATUS_LABELS[s.ORDER_DECLINED])) in content
    assert escape(str(s.ORDER_STATUS_LABELS[s.ORDER_CANCELLED])) not in content


def test_order_page_shows_each_step(client, citizen, provider_a, provider_b):
    order = place_order(citizen, provider_a.offer, provider_b.offer)
    accepted = order.lines.get(partner=provider_a.partner)
    declined = order.lines.get(partner=provider_b.partner)
    workflow.accept(accepted, provider_a.staff, timezone.now() + timedelta(days=2), "Il lunedì")
    client.force_login(citizen)

    content = client.get(order_url(order)).content.decode()
    assert str(s.LINE_STATUS_LABELS[s.ACCEPTED]) in content
    assert "Il lunedì" in content
    assert cancel_url(declined) in content  # still awaiting the provider
    assert cancel_url(accepted) not in content

    workflow.decline(declined, provider_b.staff, "Nessun posto disponibile")
    content = client.get(order_url(order)).content.decode()
    assert "Nessun posto disponibile" in content
    assert cancel_url(declined) not in content


def test_order_list_shows_line_statuses(client, citizen, line_a, provider_a):
    workflow.decline(line_a, provider_a.staff, "Chiuso per ferie")
    client.force_login(citizen)
    content = client.get(reverse("customer:order-list")).content.decode()
    assert order_url(line_a.order) in content
    assert str(s.LINE_STATUS_LABELS[s.DECLINED]) in content
    assert escape(str(s.ORDER_STATUS_LABELS[s.ORDER_DECLINED])) in content


def test_another_citizens_order_page_is_not_found(client, line_a):
    client.force_login(make_user())
    assert client.get(order_url(line_a.order)).status_code == 404


def test_order_pages_link_the_pdf_receipt(client, citizen, line_a):
    receipt = reverse("marketplace_documents:order-receipt", kwargs={"number": line_a.order.number})
    client.force_login(citizen)
    assert receipt in client.get(order_url(line_a.order)).content.decode()
    assert receipt in client.get(reverse("customer:order-list")).content.decode()
