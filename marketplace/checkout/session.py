from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions, session

from marketplace import booking

CONTACT = "contact"
CONTACT_FIELDS = ("name", "phone", "beneficiary", "notes")


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    """Oscar's checkout session checks, plus the citizen's contact details."""

    def contact_details(self):
        return {field: self.checkout_session._get(CONTACT, field, "") for field in CONTACT_FIELDS}

    def save_contact_details(self, details):
        for field in CONTACT_FIELDS:
            self.checkout_session._set(CONTACT, field, details.get(field, ""))

    def check_basket_is_valid(self, request):
        """Oscar's availability checks, then the booking rules on every line
        (``marketplace.booking``): whatever way a line reached the basket, it becomes an
        order only with a quantity, start date, frequency, address and zone the booking
        form would accept."""
        super().check_basket_is_valid(request)
        problems = []
        for line in request.basket.all_lines():
            for problem in booking.line_problems(line):
                problems.append(
                    _("“%(title)s”: %(problem)s") % {"title": line.product.get_title(),
                                                    "problem": problem}
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
