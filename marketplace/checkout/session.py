from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions, session
from oscar.apps.partner import availability

from marketplace import booking
from marketplace.offers import service_titles

CONTACT = "contact"
CONTACT_FIELDS = ("name", "phone", "beneficiary", "notes")


def no_places_left_message(service_title):
    """What a citizen reads when an offer has no places left for their booking (at any
    checkout step, or when another citizen took the last place while they confirmed)."""
    return _(
        "Sorry, “%(service)s” has no places left for the quantity you asked for. "
        "Nothing was ordered or charged: your basket is as you left it."
    ) % {"service": service_title}


def no_longer_offered_message(service_title):
    """What a citizen reads when the offer in their basket is no longer sold."""
    return _(
        "Sorry, “%(service)s” can no longer be booked. "
        "Nothing was ordered or charged: your basket is as you left it."
    ) % {"service": service_title}


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    """Oscar's checkout session checks, plus the citizen's contact details."""

    def contact_details(self):
        return {field: self.checkout_session._get(CONTACT, field, "") for field in CONTACT_FIELDS}

    def save_contact_details(self, details):
        for field in CONTACT_FIELDS:
            self.checkout_session._set(CONTACT, field, details.get(field, ""))

    def check_basket_is_valid(self, request):
        """Every line can still be bought, and follows the booking rules.

        Availability is Oscar's check, told in our words: a line whose offer has no places
        left for it says so and that the basket is unchanged (the same message as a
        placement that loses the last place, :func:`no_places_left_message`). Then the
        booking rules on every line (``marketplace.booking``): whatever way a line reached
        the basket, it becomes an order only with a quantity, start date, frequency, address
        and zone the booking form would accept."""
        lines = request.basket.all_lines()
        titles = service_titles([line.product for line in lines])
        problems = []
        for line in lines:
            title = titles.get(line.product_id, line.product.get_title())
            policy = request.strategy.fetch_for_line(line).availability
            permitted, _reason = policy.is_purchase_permitted(line.quantity)
            if not permitted:
                if isinstance(policy, availability.StockRequired):
                    problems.append(no_places_left_message(title))
                else:
                    problems.append(no_longer_offered_message(title))
            for problem in booking.line_problems(line):
                problems.append(
                    _("“%(title)s”: %(problem)s") % {"title": title, "problem": problem}
                )
        if problems:
            raise exceptions.FailedPreCondition(url=reverse("basket:summary"), messages=problems)

    def check_contact_details_are_captured(self, request):
        details = self.contact_details()
        if not (details["name"] and details["phone"]):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:contact"),
                message=_("Please give your contact details first."),
            )
