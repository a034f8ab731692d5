"""What people read in their e-mails, the provider's "payment received", the Comune's complaints.

- An Arabic-speaking citizen buys through the browser at /ar/: the confirmation e-mail is
  WeMi's, in Arabic, right to left, with links to this site that open her order; it is kept
  in her account's e-mail history.
- An Italian visitor registers: the activation e-mail is in Italian, left to right, signed by
  WeMi / Comune di Milano, and its link lets her choose the password.
- The provider records "payment received" in the workspace; the citizen sees it.
- A Comune editor marks a complaint handled at /cms/feedback/.
"""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order
from wagtail.users.models import UserProfile

from marketplace import factories as shop
from marketplace.fulfilment import workflow

from .shopping import check_out_paying_the_provider
from .site_data import home_care_service

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
User = get_model("marketplace_accounts", "User")

STAFF_PASSWORD = "wemi-ente-2026"


def recreate_permissions():
    """Live-server tests flush every table, permissions and content types included: rebuild
    them as migrations would, before the roles' groups look permissions up (wagtail-localize's
    "submit_translation" comes from a data migration, not from a model)."""
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    importlib.import_module(
        "wagtail_localize.migrations.0006_create_submit_translation_permission"
    ).create_submit_translation_permission(apps, None)


@pytest.fixture
def shop_site(transactional_db, home_page, settings, live_server):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    recreate_permissions()
    provider, service, quartiere = home_care_service()
    offer = shop.make_offer(service, price="18.00", unit="hour", pricing_kind="market")
    return provider, service, offer, quartiere


def html_part(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def links(html):
    return re.findall(r'href="([^"]+)"', html)


def login(page, base, language, email, password, next_url=""):
    page.goto(f"{base}/{language}/shop/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def test_arabic_order_confirmation_email(live_server, page, shop_site):
    provider, service, offer, quartiere = shop_site
    shop.make_citizen("amina@wemi.example", password="wemi-cittadina")
    base = live_server.url
    arabic_url = f"/ar/{service.url.split('/', 2)[2]}"  # the untranslated page, in Arabic

    login(page, base, "ar", "amina@wemi.example", "wemi-cittadina", arabic_url)
    page.goto(base + arabic_url)
    page.check(f"input[name=offer][value='{offer.pk}']", force=True)
    page.fill("#id_quantity", "2")
    page.fill("#id_start_date", (timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    page.check("input[name=frequency][value=weekly]", force=True)
    page.fill("#id_street", "Via Pascoli 12")
    page.select_option("#id_zone", str(quartiere.pk))
    page.click("form[action*='/add/'] button[type=submit]")
    page.wait_for_url("**/ar/shop/basket/")
    check_out_paying_the_provider(
        page, name="أمينة حسن", phone="+39 345 678 9012",
        extra={"beneficiary": "حسن علي (والدي)", "notes": "Citofono Hassan, secondo piano"},
        before_placing=lambda page: mail.outbox.clear())
    order = Order.objects.get()
    assert order.language == "ar"

    [message] = mail.outbox
    assert message.to == ["amina@wemi.example"]
    assert order.number in message.subject and "WeMi" in message.subject
    assert "لقد استلمنا طلبك" in message.subject
    html = html_part(message)
    for text in (message.body, html):
        assert "فريق WeMi – بلدية ميلانو" in text  # signed WeMi / Comune di Milano
        assert "أمينة حسن" in text
        for foreign in ("Shipping", "shipping", "example.com", "Hello", "Thanks for using"):
            assert foreign not in text
    assert '<html lang="ar" dir="rtl">' in html
    assert all(link.startswith(base + "/ar/") for link in links(html))
    assert f"{base}/ar/shop/accounts/orders/{order.number}/" in message.body

    # Read as a mail client would: right to left; its "see your order" link opens the order.
    mail_page = page.context.new_page()
    mail_page.set_content(html)
    assert mail_page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    order_link = mail_page.locator("a.button")
    assert order_link.inner_text() == "اطّلع على طلبك"
    order_url = order_link.get_attribute("href")
    mail_page.close()
    page.goto(order_url)
    assert page.url == f"{base}/ar/shop/accounts/orders/{order.number}/"
    assert order.number in page.inner_text("h1")

    # The provider's office sees whom to call, for whom and where, as typed at checkout.
    line = order.lines.get()
    staff = italian_admin_user("segreteria@girasole.example")
    staff.groups.add(provider.staff_group)
    provider_page = page.context.browser.new_page()
    login(provider_page, base, "it", "segreteria@girasole.example", STAFF_PASSWORD)
    provider_page.goto(f"{base}/cms/marketplace/orders/lines/{line.pk}/")
    shown = provider_page.inner_text("main")
    for typed in (
        "أمينة حسن",
        "+39 345 678 9012",
        "حسن علي (والدي)",
        "Via Pascoli 12",
        "Citofono Hassan, secondo piano",
    ):
        assert typed in shown
    assert provider_page.locator("a[href='tel:+393456789012']").count() >= 1
    provider_page.close()

    # Kept in her account, on a styled page linked from the account.
    page.goto(f"{base}/ar/shop/accounts/")
    page.click("[data-element=email-history-link]")
    page.wait_for_url("**/ar/shop/accounts/emails/")
    page.click(f"[data-element=email-list] a:has-text('{order.number}')")
    body = page.locator("[data-element=email-body]")
    assert "لقد استلمنا طلبك" in body.inner_text()
    assert body.get_attribute("dir") == "auto"
    assert (
        page.evaluate(
            "getComputedStyle(document.querySelector('[data-element=email-body]')).direction"
        )
        == "rtl"
    )


def test_italian_activation_email(live_server, page, shop_site):
    base = live_server.url
    page.goto(f"{base}/it/shop/accounts/login/")
    mail.outbox.clear()
    page.fill("#id_registration-email", "giovanni@wemi.example")
    page.click("button[name=registration_submit]")
    page.wait_for_url("**/it/shop/accounts/register/sent/")

    [message] = mail.outbox
    assert message.subject == "WeMi: scegli la tua password"
    html = html_part(message)
    assert '<html lang="it" dir="ltr">' in html
    for text in (message.body, html):
        assert "Il team WeMi – Comune di Milano" in text
        assert "example.com" not in text
    [activation] = [link for link in links(html) if "/activate/" in link]
    assert activation.startswith(f"{base}/it/shop/accounts/activate/")

    mail_page = page.context.new_page()
    mail_page.set_content(html)
    assert mail_page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    mail_page.close()

    page.goto(activation)
    page.fill("#id_new_password1", "Una-password-lunga-2026")
    page.fill("#id_new_password2", "Una-password-lunga-2026")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert User.objects.get(email="giovanni@wemi.example").is_active


def italian_admin_user(email):
    """A staff account whose admin speaks Italian (the browser asks for English)."""
    user = User.objects.create_user(email=email, password=STAFF_PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "it"
    profile.save()
    return user


def place_order(user, offer):
    basket = Basket.objects.create(owner=user)
    basket.strategy = Default()
    basket.add_product(offer.product, 2)
    return create_order(basket=basket, user=user)


def test_provider_records_payment_and_the_citizen_sees_it(live_server, page, shop_site):
    provider, _service, offer, _quartiere = shop_site
    base = live_server.url
    staff = italian_admin_user("ufficio@girasole.example")
    staff.groups.add(provider.staff_group)
    citizen = shop.make_citizen("maria@wemi.example", password="wemi-cittadina")
    order = place_order(citizen, offer)
    line = order.lines.get()
    workflow.accept(line, staff, timezone.now() + datetime.timedelta(days=3))

    login(page, base, "it", "ufficio@girasole.example", STAFF_PASSWORD)
    page.goto(f"{base}/cms/marketplace/orders/lines/{line.pk}/")
    assert "Da pagare all'ente" in page.inner_text("#line-payment-state")
    mail.outbox.clear()
    page.click("[data-element=record-payment]")
    page.wait_for_load_state()
    assert "Pagamento ricevuto dall'ente" in page.inner_text("#line-payment-state")
    assert page.locator("[data-element=record-payment]").count() == 0
    [message] = mail.outbox
    assert "l'ente ha ricevuto il tuo pagamento" in message.subject

    page.context.clear_cookies()
    login(page, base, "it", "maria@wemi.example", "wemi-cittadina")
    page.goto(f"{base}/it/shop/accounts/orders/{order.number}/")
    state = page.locator("[data-element=payment-state]")
    assert state.get_attribute("data-state") == "paid"
    assert "Pagamento ricevuto dall'ente" in state.inner_text()


def test_comune_editor_handles_a_complaint(live_server, page, shop_site):
    from content.core.roles import ensure_editors_group
    from content.feedback.models import ProblemReport

    _provider, service, _offer, _quartiere = shop_site
    editor = italian_admin_user("redazione@comune.example")
    editor.groups.add(ensure_editors_group())
    report = ProblemReport.objects.create(
        page=service, kind="price", description="Il prezzo indicato è sbagliato"
    )
    base = live_server.url

    login(page, base, "it", "redazione@comune.example", STAFF_PASSWORD)
    page.goto(f"{base}/cms/feedback/reports/")
    row = page.locator("tr", has_text="Il prezzo indicato è sbagliato")
    assert row.count() == 1
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Segnalazione segnata come gestita." in page.inner_text("body")
    # no longer among the open reports; among the handled ones, with who handled it
    assert page.locator("tr", has_text="Il prezzo indicato è sbagliato").count() == 0
    page.goto(f"{base}/cms/feedback/reports/?show=handled")
    row = page.locator("tr", has_text="Il prezzo indicato è sbagliato")
    assert "Gestita da" in row.inner_text(timeout=5000)
    assert row.locator("button[type=submit]").inner_text().strip() == "Riapri"
    report.refresh_from_db()
    assert report.handled and report.handled_by == editor
