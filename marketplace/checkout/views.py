import logging
from decimal import Decimal

from django import http
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import exceptions
from oscar.apps.checkout import views as oscar_views
from oscar.core.loading import get_class, get_model

from marketplace import line_options
from marketplace.ledger.posting import LedgerError
from marketplace.offers import describe_lines, service_titles
from marketplace.partner.models import CapacityExhausted
from marketplace.privacy.acting import customer_of
from marketplace.quotes.workflow import QuoteNotPayable

from . import payment_methods
from .forms import ActingConsentForm, ConsentForm, ContactDetailsForm, PaymentMethodForm
from .tasks import send_order_placed_email

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
no_places_left_message = get_class("checkout.session", "no_places_left_message")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ProductRecord = get_model("analytics", "ProductRecord")
UserAddress = get_model("address", "UserAddress")

logger = logging.getLogger("marketplace.checkout")

STEPS_BEFORE_PAYMENT = [
    "check_basket_is_not_empty",
    "check_basket_is_valid",
    "check_user_email_is_captured",
    "check_contact_details_are_captured",
]


class AlreadySubmitted(Exception):
    """The basket was turned into an order by an earlier request (double submit, retry)."""


class IndexView(oscar_views.IndexView):
    success_url = reverse_lazy("checkout:contact")


class ContactDetailsView(CheckoutSessionMixin, generic.FormView):
    """Step 1: who the providers should call; the service addresses are on the lines."""

    template_name = "oscar/checkout/contact_details.html"
    form_class = ContactDetailsForm
    pre_conditions = ["check_basket_is_not_empty", "check_basket_is_valid"]
    success_url = reverse_lazy("checkout:payment-method")

    def get_initial(self):
        details = self.contact_details()
        if not details["name"]:
            details["name"] = customer_of(self.request).get_full_name()
        return details

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = describe_lines(self.request.basket)
        return context

    def form_valid(self, form):
        self.save_contact_details(form.cleaned_data)
        # Services are not shipped: record Oscar's "no shipping required" method.
        self.checkout_session.use_shipping_method(NoShippingRequired().code)
        return super().form_valid(form)


class ShippingMethodView(oscar_views.ShippingMethodView):
    """Services are not shipped: Oscar records "no shipping required" and moves on."""

    pre_conditions = STEPS_BEFORE_PAYMENT


class PaymentMethodView(oscar_views.PaymentMethodView):
    """Step 2 (only when there is something to pay): choose a payment method."""

    template_name = "oscar/checkout/payment_method.html"
    pre_conditions = STEPS_BEFORE_PAYMENT + ["check_shipping_data_is_captured"]
    success_url = reverse_lazy("checkout:preview")

    def get_form(self, data=None):
        form = PaymentMethodForm(self.request.basket, customer_of(self.request), data=data)
        if data is None and self.checkout_session.payment_method():
            form.initial["method"] = self.checkout_session.payment_method()
        return form

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return self.get_success_response()


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """Summary page with the consent checkbox (``preview``), and order placement.

    Placement runs in one transaction that locks the basket row: a second submit of the
    same basket (double click, browser retry) finds it submitted and is shown the order
    the first one placed. Places on offers are taken by a conditional update
    (``StockRecord.allocate``); when they run out the transaction rolls back, so nothing is
    recorded and the basket stays as it was. Emails go out after the commit.
    """

    pre_conditions = STEPS_BEFORE_PAYMENT + ["check_shipping_data_is_captured"]

    def dispatch(self, request, *args, **kwargs):
        # Before Oscar's checks: once the order is placed the citizen's basket is a new,
        # empty one, and those checks would send a late second "confirm" to the basket page.
        order = self.order_placed_from_posted_basket(request)
        if order is not None:
            request.session["checkout_order_id"] = order.pk
            return http.HttpResponseRedirect(reverse("checkout:thank-you"))
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def order_placed_from_posted_basket(request):
        """The order this citizen already placed from the basket named in a confirm form.

        The confirm form carries the basket's id (``basket_id``). A second submission of it
        (double click, browser retry, a second tab) that arrives after the first placed the
        order finds that order here, and is shown it. Returns ``None`` for any other request,
        and for a basket that is still open or is not this user's.
        """
        if request.method != "POST" or request.POST.get("action") != "place_order":
            return None
        if not request.user.is_authenticated:
            return None
        basket_id = request.POST.get("basket_id", "")
        if not (basket_id.isascii() and basket_id.isdigit() and len(basket_id) <= 18):
            return None
        return Order._default_manager.filter(
            basket_id=int(basket_id), user=customer_of(request)
        ).first()

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def check_payment_data_is_captured(self, request):
        if self.basket_total(request.basket) == Decimal("0.00"):
            return
        if payment_methods.get_method(self.checkout_session.payment_method() or "") is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you want to pay."),
            )

    def basket_total(self, basket):
        return basket.total_incl_tax

    def acting_for(self):
        return getattr(self.request, "acting_for", None)

    def consent_form(self, data=None):
        """The citizen's own consent; in acting mode, the operator's confirmation that the
        citizen agreed to this order and how (at the desk, or on the phone with a note)."""
        if self.acting_for() is not None:
            return ActingConsentForm(data)
        return ConsentForm(data, privacy_url=self.privacy_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("consent_form", self.consent_form())
        citizen = self.acting_for()
        if citizen is not None:
            context["acting_citizen"] = citizen
            context["acting_address"] = (
                UserAddress.objects.filter(user=citizen)
                .order_by("-is_default_for_shipping", "pk")
                .first()
            )
            context["acting_isee"] = getattr(citizen, "isee_declaration", None)
        context["customer_email"] = customer_of(self.request).email
        context["contact"] = self.contact_details()
        context["lines"] = describe_lines(self.request.basket)
        context["payment_method"] = payment_methods.get_method(
            self.checkout_session.payment_method() or ""
        )
        method = context["payment_method"]
        if method is not None:
            context["payment_label"] = method.label(self.request.basket, customer_of(self.request))
        if method is not None and hasattr(method, "summary"):
            context["payment_split"] = method.summary(
                self.request.basket, customer_of(self.request)
            )
            method.remember_split(self.request, self.request.basket, customer_of(self.request))
        context["comune_total"] = sum(
            (row["comune_contribution"] for row in context["lines"]), start=Decimal("0.00")
        )
        return context

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        contact = self.contact_details()
        # In acting mode the order is the citizen's, placed by the operator at the desk.
        submission["user"] = customer_of(self.request)
        acting = getattr(self, "acting_consent", None)
        submission["order_kwargs"].update(
            placed_by=self.request.user,
            channel=acting["channel"] if acting else Order.Channel.WEB,
            consent_note=acting["consent_note"].strip() if acting else "",
            contact_name=contact["name"],
            contact_phone=contact["phone"],
            notes_for_providers=contact["notes"],
            beneficiary_name=contact["beneficiary"],
        )
        return submission

    def privacy_url(self):
        """The privacy notice in the reader's language (the footer's page), or None."""
        from content.feedback.templatetags.feedback_tags import footer_settings_links

        return footer_settings_links({"request": self.request}).get("privacy")

    def handle_place_order_submission(self, request):
        consent_form = self.consent_form(request.POST)
        if not consent_form.is_valid():
            return self.render_preview(request, consent_form=consent_form)
        if self.acting_for() is not None:
            self.acting_consent = consent_form.cleaned_data
        return self.submit(**self.build_submission())

    def handle_payment(self, order_number, total, **kwargs):
        if total.incl_tax == Decimal("0.00"):
            return
        method = payment_methods.get_method(self.checkout_session.payment_method() or "")
        method.take_payment(self, order_number, total)

    def after_order_placed(self, order, user):
        """Let the payment method record what it needs once the order and its lines exist
        (vouchers hold their share of each line), inside the placement transaction."""
        if order.total_incl_tax == Decimal("0.00"):
            return
        method = payment_methods.get_method(self.checkout_session.payment_method() or "")
        if method is not None and hasattr(method, "after_order_placed"):
            method.after_order_placed(self, order, user)

    def submit(
        self,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        payment_kwargs=None,
        order_kwargs=None,
        surcharges=None,
    ):
        # Oscar's analytics counts purchases per product when the order is placed, creating
        # the counter row on first use: create it beforehand, so that the first concurrent
        # orders of an offer do not collide on it inside their transactions.
        for line in basket.all_lines():
            ProductRecord.objects.get_or_create(product_id=line.product_id)
        try:
            with transaction.atomic():
                locked = Basket._default_manager.select_for_update().get(pk=basket.pk)
                if locked.status != Basket.OPEN:
                    raise AlreadySubmitted
                order_number = self.generate_order_number(basket)
                self.handle_payment(order_number, order_total, **(payment_kwargs or {}))
                order = self.place_order(
                    order_number=order_number,
                    user=user,
                    basket=basket,
                    shipping_address=shipping_address,
                    shipping_method=shipping_method,
                    shipping_charge=shipping_charge,
                    order_total=order_total,
                    billing_address=billing_address,
                    surcharges=surcharges,
                    **(order_kwargs or {}),
                )
                self.after_order_placed(order, user)
                basket.submit()
        except AlreadySubmitted:
            return self.show_existing_order(basket)
        except QuoteNotPayable as not_payable:
            self._payment_sources = []
            self._payment_events = []
            messages.error(self.request, str(not_payable))
            return http.HttpResponseRedirect(reverse("basket:summary"))
        except LedgerError as refused:
            # A voucher spent by another order meanwhile, cancelled or expired: nothing was
            # recorded and the basket is as it was; the citizen chooses again.
            self._payment_sources = []
            self._payment_events = []
            messages.error(self.request, str(refused))
            return http.HttpResponseRedirect(reverse("checkout:payment-method"))
        except CapacityExhausted as exhausted:
            self._payment_sources = []
            self._payment_events = []
            titles = service_titles([exhausted.stockrecord.product])
            messages.error(
                self.request,
                no_places_left_message(
                    titles.get(
                        exhausted.stockrecord.product_id, exhausted.stockrecord.product.title
                    )
                ),
            )
            return http.HttpResponseRedirect(reverse("basket:summary"))
        logger.info("Order %s placed for basket %s", order.number, basket.pk)
        return self.handle_successful_order(order)

    def show_existing_order(self, basket):
        order = Order._default_manager.filter(
            basket_id=basket.pk, user=customer_of(self.request)
        ).first()
        if order is None:
            messages.error(self.request, _("This basket has already been submitted."))
            return http.HttpResponseRedirect(reverse("basket:summary"))
        self.request.session["checkout_order_id"] = order.pk
        return http.HttpResponseRedirect(self.get_success_url())

    def handle_successful_order(self, order):
        # Mailed by the task worker once the order is committed (checkout.tasks).
        transaction.on_commit(lambda: send_order_placed_email.enqueue(order.pk))
        self.checkout_session.flush()
        self.request.session["checkout_order_id"] = order.pk
        response = http.HttpResponseRedirect(self.get_success_url())
        self.send_signal(self.request, response, order)
        return response


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        order = context["order"]
        lines = list(order.lines.select_related("product").prefetch_related("attributes__option"))
        titles = service_titles([line.product for line in lines if line.product])
        context["lines"] = [
            {
                "line": line,
                "title": titles.get(line.product_id, line.title),
                "options": line_options.describe(line.attributes.all()),
            }
            for line in lines
        ]
        return context
