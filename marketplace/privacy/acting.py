"""Acting mode: a Spazio operator works *for* a citizen who authorised them.

The operator picks a citizen (``views.start_acting``): the citizen's id goes into the
session. On every request ``ActingForMiddleware`` checks the delegation again with
``access.active_delegation`` and sets

- ``request.operator``: the person at the keyboard (``request.user`` stays them: nobody
  is logged in as the citizen, unlike django-hijack; decision 0021);
- ``request.acting_for``: the citizen, and ``request.acting_delegation``: the delegation.

Only the URL names in ``ACTING_ALLOWED`` answer in acting mode (search, service pages,
basket, checkout, the citizen's orders and receipts); any other is 403. Every acting
request that answers writes exactly one ``DataAccess`` row. ``ActingBasketMiddleware``
(Oscar's, subclassed) gives the citizen's basket and ISEE prices, never merging the
operator's own cookie basket.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from oscar.apps.basket.middleware import BasketMiddleware

from . import rules
from .access import active_delegation, record_access
from .models import DataAccess

SESSION_KEY = "wemi_acting_for"
#: Oscar's checkout keeps its steps here: emptied when acting starts or stops.
CHECKOUT_SESSION_KEY = "checkout_data"

#: URL names reachable in acting mode; ``GET_ONLY`` among them only to read.
ACTING_ALLOWED = frozenset(
    {
        "wemi_serve",
        "wagtail_serve",
        "site-search",
        "minors-catalogue",
        "search-api",
        "wemi_image_file",
        "set_language",
        "marketplace:add-to-basket",
        "basket:summary",
        "checkout:index",
        "checkout:contact",
        "checkout:shipping-method",
        "checkout:payment-method",
        "checkout:payment-details",
        "checkout:preview",
        "ledger:mine",
        "ledger:voucher",
        "ledger:voucher-pdf",
        "ledger:apply",
        "credit:mine",
        "checkout:thank-you",
        "marketplace_documents:order-receipt",
        "marketplace_privacy:acting-orders",
        "marketplace_privacy:acting-stop",
        "customer:logout",
    }
)
GET_ONLY = frozenset(
    {"wemi_serve", "wagtail_serve", "site-search", "minors-catalogue", "search-api"}
)
#: Allowed, but no personal data: no access-log row (the page's images, ending the mode).
NOT_LOGGED = frozenset(
    {"wemi_image_file", "set_language", "marketplace_privacy:acting-stop", "customer:logout"}
)
#: Which requests place an order (a POST to these).
PLACING = frozenset({"checkout:preview", "checkout:payment-details"})


def customer_of(request):
    """Whose account the request works on: the citizen in acting mode, else the user."""
    return getattr(request, "acting_for", None) or request.user


def start(request, citizen):
    request.session[SESSION_KEY] = citizen.pk
    request.session.pop(CHECKOUT_SESSION_KEY, None)


def stop(request):
    request.session.pop(SESSION_KEY, None)
    request.session.pop(CHECKOUT_SESSION_KEY, None)


class ActingForMiddleware:
    """Sets ``request.operator``/``acting_for``/``acting_delegation`` (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.operator = None
        request.acting_for = None
        request.acting_delegation = None
        user = getattr(request, "user", None)
        citizen_id = None
        # Without a session cookie there is no acting mode: the session is not read, so that
        # public pages stay cacheable (reading it adds "Vary: Cookie").
        if hasattr(request, "session") and settings.SESSION_COOKIE_NAME in request.COOKIES:
            citizen_id = request.session.get(SESSION_KEY)
        if citizen_id is not None and user is not None and user.is_authenticated:
            citizen = get_user_model().objects.filter(pk=citizen_id).first()
            delegation = active_delegation(user, citizen, rules.PURCHASE)
            if delegation is None:
                stop(request)
                messages.warning(
                    request, _("Your authorisation to act for this citizen is no longer active.")
                )
            else:
                request.operator = user
                request.acting_for = citizen
                request.acting_delegation = delegation
        response = self.get_response(request)
        if request.acting_for is not None and response.status_code < 400:
            self.log(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.acting_for is None:
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name not in ACTING_ALLOWED:
            raise PermissionDenied
        if name in GET_ONLY and request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return None

    @staticmethod
    def log(request, response):
        """One ``DataAccess`` row for the request, unless the view wrote its own."""
        if getattr(request, "wemi_access_recorded", False):
            return
        name = request.resolver_match.view_name if request.resolver_match else ""
        if not name or name in NOT_LOGGED:
            return
        action = DataAccess.Action.ACT
        if request.method == "POST" and name in PLACING and response.status_code in (301, 302):
            action = DataAccess.Action.PLACE_ORDER
        record_access(
            request, request.acting_for, action, purpose=rules.PURCHASE, object_ref=("url", name)
        )


class ActingBasketMiddleware(BasketMiddleware):
    """Oscar's basket middleware; in acting mode the basket and the pricing strategy are the
    citizen's, and the operator's cookie basket is neither read nor merged."""

    def __call__(self, request):
        citizen = getattr(request, "acting_for", None)
        if citizen is None:
            return super().__call__(request)
        from oscar.apps.basket.middleware import selector

        request.cookies_to_delete = []
        request.strategy = selector.strategy(request=request, user=citizen)
        request._basket_cache = None

        def load_full_basket():
            basket = self.get_basket(request)
            basket.strategy = request.strategy
            self.apply_offers_to_basket(request, basket)
            return basket

        def load_basket_hash():
            basket = self.get_basket(request)
            return self.get_basket_hash(basket.id) if basket.id else None

        request.basket = SimpleLazyObject(load_full_basket)
        request.basket_hash = SimpleLazyObject(load_basket_hash)
        response = self.get_response(request)
        return self.process_response(request, response)

    def get_basket(self, request):
        citizen = getattr(request, "acting_for", None)
        if citizen is None:
            return super().get_basket(request)
        if request._basket_cache is not None:
            return request._basket_cache
        from oscar.apps.basket.middleware import Basket

        manager = Basket.open
        baskets = list(manager.filter(owner=citizen).order_by("pk"))
        if baskets:
            basket = baskets[0]
            for other in baskets[1:]:
                self.merge_baskets(basket, other)
        else:
            basket = manager.create(owner=citizen)
        basket.owner = citizen
        request._basket_cache = basket
        return basket
