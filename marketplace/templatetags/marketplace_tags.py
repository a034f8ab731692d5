from django import template

from marketplace.forms import AddToBasketForm
from marketplace.offers import offers_for_service

register = template.Library()


@register.inclusion_tag("marketplace/service_offers.html", takes_context=True)
def service_offers(context, page):
    """The offers of a service with the reader's price, and the add-to-basket form."""
    request = context["request"]
    strategy = request.strategy
    offers = []
    for offer in offers_for_service(page):
        info = strategy.fetch_for_product(offer.product, offer)
        offers.append({"offer": offer, "price": info.price, "availability": info.availability})
    user = request.user
    return {
        "request": request,
        "page": page,
        "offers": offers,
        "is_citizen": user.is_authenticated,
        "has_valid_isee": getattr(strategy, "isee_declaration", None) is not None
        and not strategy.isee_notice,
        "isee_notice": getattr(strategy, "isee_notice", ""),
        "form": AddToBasketForm(page, strategy, request.basket) if offers else None,
    }
