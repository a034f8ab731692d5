"""Steps of a purchase in the browser that several journeys share."""

from datetime import date, timedelta


def add_service_to_basket(page, zone_pk, street="Via Padova 21"):
    """On a service page: its first offer, starting a week from today, at ``street`` in the
    zone ``zone_pk``, put in the basket (waits for the basket page)."""
    page.locator('input[name="offer"]').first.check(force=True)
    page.fill('input[name="start_date"]', (date.today() + timedelta(days=7)).isoformat())
    page.fill('input[name="street"]', street)
    page.select_option('select[name="zone"]', str(zone_pk))
    with page.expect_navigation():
        page.locator('form[action*="/add/"] button[type="submit"]').click()


def give_contact(page, name, phone="+39 02 1234567"):
    """On the checkout's contact step: the contact person's name and phone, then continue."""
    page.fill('input[name="name"]', name)
    page.fill('input[name="phone"]', phone)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').last.click()


def check_out_paying_the_provider(page, name="Maria Rossi", phone="+39 02 1234567",
                                  extra=None, before_placing=None):
    """From the basket to the receipt, paying the provider: the contact (``name`` unless None,
    ``phone``, and ``extra`` as ``{field: value}``), "pay the provider", the consent to pass
    the contact on, then "place order"; ``before_placing(page)`` runs on the summary."""
    page.click("a[href$='/shop/checkout/']")
    page.wait_for_url("**/checkout/contact/")
    if name is not None:
        page.fill("#id_name", name)
    page.fill("#id_phone", phone)
    for field, value in (extra or {}).items():
        page.fill(f"#id_{field}", value)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/checkout/payment-method/")
    page.check("input[name=method][value=pay-provider]", force=True)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/checkout/preview/")
    if before_placing:
        before_placing(page)
    page.check("#id_consent", force=True)
    page.click("#place-order")
    page.wait_for_url("**/checkout/thank-you/")


def fill_sharing_group(page, offer_pk, zone_pk, place="Scuola Pascoli", households=(2, 4),
                       deadline_days=3):
    """On a service page's sharing panel, the form of a new group: the offer ``offer_pk``,
    ``households`` (minimum, maximum), a deadline ``deadline_days`` from now, the start five
    days after it, the zone and the place (not submitted: public or private is the test's)."""
    from django.utils import timezone

    page.check(f"input[name=group-offer][value='{offer_pk}']", force=True)
    page.fill("#id_group-min_households", str(households[0]))
    page.fill("#id_group-max_households", str(households[1]))
    deadline = timezone.localtime() + timedelta(days=deadline_days)
    page.fill("#id_group-deadline", deadline.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_group-start_date", (deadline.date() + timedelta(days=5)).isoformat())
    page.select_option("#id_group-zone", str(zone_pk))
    page.fill("#id_group-place", place)
