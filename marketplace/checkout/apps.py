import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout with a contact-details step and pluggable payment methods."""

    name = "marketplace.checkout"

    def ready(self):
        super().ready()
        self.contact_details_view = get_class("checkout.views", "ContactDetailsView")

    def get_urls(self):
        contact = path("contact/", self.contact_details_view.as_view(), name="contact")
        return super().get_urls() + self.post_process_urls([contact])
