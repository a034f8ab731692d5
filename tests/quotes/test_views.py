"""The web journeys: a citizen asks three providers, two answer, the citizen compares,
writes, accepts and pays through the normal checkout; providers see only their own."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.quotes import statuses, workflow
from marketplace.quotes.models import Quote, QuoteMessage, QuoteRequest
from tests.marketplace.helpers import checkout_to_preview, confirm_form_basket, place_order

from .conftest import answer, quote_of

Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]


def request_post(need, zone, token, action, providers=(), **overrides):
    today = timezone.localdate()
    data = {
        "token": str(token),
        "need": need.pk,
        "description": "Aiuto cinque mattine a settimana",
        "for_whom": "Mia madre",
        "people": 1,
        "period_start": (today + datetime.timedelta(days=7)).isoformat(),
        "period_end": "",
        "days_times": "Lun-Ven 8-11",
        "zone": zone.pk,
        "address": "Via Pascoli 12",
        "respond_by": (today + datetime.timedelta(days=5)).isoformat(),
        "action": action,
        "providers": [provider.page.pk for provider in providers],
    }
    data.update(overrides)
    return data


def test_citizen_writes_and_sends_a_request(client, citizen, providers, need, zones):
    client.force_login(citizen)
    url = reverse("quotes:request-new") + f"?service={providers[0].service.translation_key}"
    page = client.get(url)
    assert page.status_code == 200
    token = page.context["form"].initial["token"]
    assert page.context["form"].initial["need"] == need.pk
    # Step 1: the providers serving Città Studi are offered (not Delta, in Municipio 8).
    found = client.post(url, request_post(need, zones["citta_studi"], token, "providers"))
    assert found.status_code == 200
    offered = [row["pk"] for row in found.context["candidate_rows"]]
    assert offered[0] == providers[0].page.pk  # the service the citizen started from
    assert set(offered) == {p.page.pk for p in providers[:3]}
    # Bad input keeps what was typed and explains.
    bad = client.post(url, request_post(need, zones["citta_studi"], token, "send",
                                        providers=[providers[3]]))
    assert bad.status_code == 400
    assert "Via Pascoli 12" in bad.content.decode()
    sent = client.post(url, request_post(need, zones["citta_studi"], token, "send",
                                         providers=providers[:3]))
    request = QuoteRequest.objects.get()
    assert sent["Location"] == reverse("quotes:request-detail", kwargs={"uuid": request.uuid})
    assert request.quotes.count() == 3
    # A double submit shows the first result.
    again = client.post(url, request_post(need, zones["citta_studi"], token, "send",
                                          providers=providers[:3]))
    assert again["Location"] == sent["Location"]
    assert QuoteRequest.objects.count() == 1


def test_compare_accept_and_pay_through_checkout(client, citizen, sent, providers):
    alfa = answer(quote_of(sent, providers[0]), providers[0], unit_price="18.00", quantity="20")
    answer(quote_of(sent, providers[1]), providers[1], unit_price="20.00", quantity="20")
    client.force_login(citizen)
    detail = client.get(reverse("quotes:request-detail", kwargs={"uuid": sent.uuid}))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Cooperativa Alfa" in html and "Cooperativa Beta" in html and 'id="compare"' in html
    assert client.post(reverse("quotes:accept", kwargs={"quote_uuid": alfa.uuid})).status_code \
        == 302
    response = client.post(reverse("quotes:pay", kwargs={"quote_uuid": alfa.uuid}))
    assert response["Location"] == reverse("basket:summary")
    client.post(reverse("quotes:pay", kwargs={"quote_uuid": alfa.uuid}))  # twice: one line
    preview = checkout_to_preview(client)
    assert preview.status_code == 200
    place_order(client, confirm_form_basket(preview))
    order = Order.objects.get(user=citizen)
    line = order.lines.get()
    assert line.partner == providers[0].partner
    assert line.line_price_incl_tax == Decimal("360.00")  # market: the quoted amount
    alfa.refresh_from_db()
    assert alfa.status == statuses.ORDERED and alfa.order_line == line
    # The provider finds the order in its fulfilment workspace.
    client.force_login(providers[0].staff)
    assert client.get(reverse("marketplace_fulfilment:line_detail", args=[line.pk])
                      ).status_code == 200


def test_accredited_quote_is_charged_the_isee_share(client, citizen, sent, providers):
    beta = answer(quote_of(sent, providers[1]), providers[1], unit_price="20.00", quantity="10")
    workflow.accept(beta, citizen)
    client.force_login(citizen)
    client.post(reverse("quotes:pay", kwargs={"quote_uuid": beta.uuid}))
    place_order(client, confirm_form_basket(checkout_to_preview(client)))
    line = Order.objects.get(user=citizen).lines.get()
    assert line.line_price_incl_tax == Decimal("60.00")  # 30 % of 200.00 (ISEE 12,000)
    assert line.comune_contribution == Decimal("140.00")


def test_expired_accepted_quote_is_not_payable(client, citizen, sent, providers):
    alfa = answer(quote_of(sent, providers[0]), providers[0])
    workflow.accept(alfa, citizen)
    client.force_login(citizen)
    client.post(reverse("quotes:pay", kwargs={"quote_uuid": alfa.uuid}))
    Quote.objects.filter(pk=alfa.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    # The basket line is no longer available: the checkout refuses it, nothing is ordered.
    client.post(reverse("checkout:contact"), {"name": "Maria Rossi", "phone": "+39 02 1234567"})
    place_order(client)
    assert not Order.objects.exists()
    response = client.post(reverse("quotes:pay", kwargs={"quote_uuid": alfa.uuid}))
    assert response["Location"] == reverse("quotes:request-detail", kwargs={"uuid": sent.uuid})


def test_provider_sees_only_its_quotes_and_the_address_after_acceptance(
    client, citizen, sent, providers
):
    alfa, beta = quote_of(sent, providers[0]), quote_of(sent, providers[1])
    client.force_login(providers[0].staff)
    listing = client.get(reverse("quotes_admin:list"))
    assert listing.status_code == 200
    assert [quote.pk for quote in listing.context["quotes"]] == [alfa.pk]
    detail = client.get(reverse("quotes_admin:detail", args=[alfa.pk]))
    assert "Via Pascoli 12" not in detail.content.decode()
    # Another provider's ids: 404 on every URL.
    for url in (
        reverse("quotes_admin:detail", args=[beta.pk]),
        reverse("quotes_admin:messages-json", args=[beta.pk]),
        reverse("quotes_admin:attachment", args=[beta.pk, 1]),
    ):
        assert client.get(url).status_code == 404, url
    for action in ("answer", "decline", "withdraw", "message", "report"):
        assert client.post(reverse("quotes_admin:action", args=[beta.pk, action])
                           ).status_code == 404
    # Answer through the form, then the citizen accepts: the address shows.
    valid_until = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(reverse("quotes_admin:action", args=[alfa.pk, "answer"]), {
        "unit": "hour", "quantity": "20", "unit_price": "18.00", "included": "Tutto",
        "proposed_start": "", "valid_until": valid_until,
    })
    assert response.status_code == 302
    alfa.refresh_from_db()
    assert alfa.status == statuses.QUOTED and alfa.amount == Decimal("360.00")
    workflow.accept(alfa, citizen)
    assert "Via Pascoli 12" in client.get(
        reverse("quotes_admin:detail", args=[alfa.pk])).content.decode()


def test_bad_answer_keeps_the_form(client, sent, providers):
    alfa = quote_of(sent, providers[0])
    client.force_login(providers[0].staff)
    response = client.post(reverse("quotes_admin:action", args=[alfa.pk, "answer"]), {
        "unit": "hour", "quantity": "0", "unit_price": "18.00", "included": "Tutto",
        "valid_until": timezone.localdate().isoformat(),
    })
    assert response.status_code == 400
    alfa.refresh_from_db()
    assert alfa.status == statuses.AWAITING


def test_other_citizens_get_404(client, sent, providers):
    from marketplace import factories as shop

    quote = quote_of(sent, providers[0])
    client.force_login(shop.make_citizen("altro@wemi.example"))
    for url in (
        reverse("quotes:request-detail", kwargs={"uuid": sent.uuid}),
        reverse("quotes:conversation", kwargs={"quote_uuid": quote.uuid}),
        reverse("quotes:conversation-json", kwargs={"quote_uuid": quote.uuid}),
    ):
        assert client.get(url).status_code == 404, url
    for name in ("accept", "pay", "report"):
        assert client.post(reverse(f"quotes:{name}", kwargs={"quote_uuid": quote.uuid})
                           ).status_code == 404


def test_conversation_escaped_polled_attachments_and_report(
    client, citizen, sent, providers, operator
):
    quote = quote_of(sent, providers[0])
    client.force_login(citizen)
    url = reverse("quotes:conversation", kwargs={"quote_uuid": quote.uuid})
    assert client.post(url, {"body": "<script>alert(1)</script> Buongiorno"}).status_code == 302
    refused = client.post(url, {"body": "", "attachment": SimpleUploadedFile(
        "virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")})
    assert refused.status_code == 400
    assert client.post(url, {"body": "Il preventivo firmato", "attachment": SimpleUploadedFile(
        "firmato.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")}).status_code == 302
    html = client.get(url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    # The provider's page polls the JSON and finds both messages (text, not HTML).
    client.force_login(providers[0].staff)
    data = client.get(reverse("quotes_admin:messages-json", args=[quote.pk])).json()
    assert [row["body"] for row in data["messages"]][0].startswith("<script>")
    attachment_url = data["messages"][1]["attachment_url"]
    download = client.get(attachment_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    newer = client.get(reverse("quotes_admin:messages-json", args=[quote.pk]),
                       {"after": data["messages"][1]["id"]}).json()
    assert newer == {"messages": []}
    # An operator cannot read the thread until it is reported.
    client.force_login(operator)
    assert client.get(reverse("quotes_admin:detail", args=[quote.pk])).status_code == 404
    client.force_login(citizen)
    client.post(reverse("quotes:report", kwargs={"quote_uuid": quote.uuid}),
                {"reason": "Messaggi offensivi"})
    client.force_login(operator)
    page = client.get(reverse("quotes_admin:detail", args=[quote.pk]))
    assert page.status_code == 200 and "Buongiorno" in page.content.decode()
    assert QuoteMessage.objects.filter(quote=quote).count() == 2


def test_statistics_for_operators_only(client, sent, providers, operator):
    answer(quote_of(sent, providers[0]), providers[0])
    client.force_login(providers[0].staff)
    assert client.get(reverse("quotes_admin:statistics")).status_code in (302, 403)
    client.force_login(operator)
    page = client.get(reverse("quotes_admin:statistics"))
    assert page.status_code == 200
    assert page.context["overall"]["sent"] == 3
    assert page.context["overall"]["answered"] == 1
    assert page.context["by_municipio"][0]["name"] == "Municipio 3"
    assert page.context["by_need"][0]["name"] == "Badante"


@pytest.mark.parametrize("language", ["it", "ar"])
def test_pages_render_in_italian_and_arabic(client, citizen, sent, providers, language):
    from django.utils import translation

    alfa = answer(quote_of(sent, providers[0]), providers[0])
    client.force_login(citizen)
    with translation.override(language):
        for url in (
            reverse("quotes:request-list"),
            reverse("quotes:request-new"),
            reverse("quotes:request-detail", kwargs={"uuid": sent.uuid}),
            reverse("quotes:conversation", kwargs={"quote_uuid": alfa.uuid}),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert f'lang="{language}"' in response.content.decode()
