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
