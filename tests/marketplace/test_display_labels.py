"""Labels kept in the database are shown in the reader's language (issue 11): the payment
method, the zone and the service's title of an order, Oscar's basket messages, and the
site's name and address in account e-mails."""

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from oscar.core.loading import get_model
from wagtail.models import Locale

from marketplace import line_options
from marketplace.accounts.sites import sync_django_site
from marketplace.checkout import payment_methods
from marketplace.documents.receipts import receipt_html

from .helpers import add_to_basket_url, basket_post, checkout_to_preview, place_order

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
SourceType = get_model("payment", "SourceType")

pytestmark = pytest.mark.django_db


def in_language(language, value):
    with translation.override(language):
        return str(value)


@pytest.fixture
def italian_order(logged_in, service, accredited_offer, zones, tomorrow):
    """An order placed on the Italian site (the payment method's row is named in Italian)."""
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    checkout_to_preview(logged_in)
    assert place_order(logged_in).url == reverse("checkout:thank-you")
    return Order.objects.get()


def test_the_receipt_names_the_payment_method_in_the_orders_language(italian_order):
    italian = in_language("it", payment_methods.PayTheProvider.name)
    assert SourceType.objects.get(code="pay-provider").name == italian == "Paga l'ente"
    for language in ("ar", "zh-hans", "es", "en"):
        italian_order.language = language
        html = receipt_html(italian_order)
        expected = in_language(language, payment_methods.PayTheProvider.name)
        assert expected != italian
        assert escape(expected) in html, language
        assert escape(italian) not in html, language


def test_a_payment_method_no_longer_registered_shows_its_stored_name():
    retired = SourceType.objects.create(code="buono-2019", name="Buono servizi 2019")
    with translation.override("ar"):
        assert payment_methods.source_type_name(retired) == "Buono servizi 2019"


def test_the_zone_of_a_line_reads_in_the_readers_language(zones):
    arabic = Locale.objects.get(language_code="ar")
    citta_studi = zones["citta_studi"]
    translated = citta_studi.copy_for_translation(arabic)
    translated.name = "تشيتا ستودي"
    translated.save()
    with translation.override("ar"):
        assert line_options.display_value(line_options.SERVICE_ZONE, "Città Studi") == (
            "تشيتا ستودي"
        )
        # A name no zone has (renamed since) reads as stored.
        assert line_options.display_value(line_options.SERVICE_ZONE, "Gorla") == "Gorla"
    with translation.override("es"):  # no Spanish translation: the Italian name
        assert line_options.display_value(line_options.SERVICE_ZONE, "Città Studi") == (
            "Città Studi"
        )


def test_the_order_pages_title_the_service_in_the_readers_language(
    logged_in, italian_order, service
):
    arabic = Locale.objects.get(language_code="ar")
    translated = service.copy_for_translation(arabic, copy_parents=True)
    translated.title = "رعاية منزلية لكبار السن"
    translated.save_revision().publish()
    line = italian_order.lines.get()
    assert line.title == "Assistenza domiciliare anziani"
    with translation.override("ar"):
        detail = reverse("customer:order", kwargs={"order_number": italian_order.number})
        orders = reverse("customer:order-list")
    for url in (detail, orders):
        page = logged_in.get(url).content.decode()
        assert "رعاية منزلية لكبار السن" in page, url
        assert "Assistenza domiciliare anziani" not in page, url


@pytest.mark.parametrize("language", ["it", "ar", "zh-hans", "es"])
def test_basket_messages_are_in_the_pages_language(
    language, logged_in, citizen, service, accredited_offer, zones, tomorrow
):
    logged_in.post(
        add_to_basket_url(service), basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    )
    line = Basket.objects.get(owner=citizen, status=Basket.OPEN).all_lines()[0]
    with translation.override(language):
        basket_url = reverse("basket:summary")
    response = logged_in.post(
        basket_url,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(line.pk),
            "form-0-quantity": "3",
        },
        follow=True,
    )
    page = response.content.decode()
    english = "Your basket total is now"
    with translation.override(language):
        total_message = translation.gettext("Your basket total is now %(total)s.")
    assert english not in page
    assert total_message != "Your basket total is now %(total)s."
    assert escape(total_message.split("%(total)s")[0].strip()) in page
    assert "&lt;strong&gt;" not in page


def test_account_emails_use_the_sites_name_and_address(client, citizen):
    site = Site.objects.get(pk=settings.SITE_ID)
    assert (site.name, site.domain) == ("WeMi", "127.0.0.1:8000")  # after migrate
    with override_settings(
        WAGTAILADMIN_BASE_URL="https://wemi.comune.milano.it", OSCAR_URL_SCHEMA="https"
    ):
        sync_django_site()
        response = client.post(reverse("password-reset"), {"email": citizen.email})
        assert response.status_code == 302
    message = mail.outbox[-1]
    text = (
        message.subject
        + message.body
        + "".join(content for content, _type in getattr(message, "alternatives", []))
    )
    assert "example.com" not in text
    assert "WeMi" in text
    assert "https://wemi.comune.milano.it/" in text
