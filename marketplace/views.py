from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from oscar.core.loading import get_model
from wagtail.models import Locale

from content.services.models import ServicePage

from .forms import AddToBasketForm
from .offers import service_titles


def service_page_for(service_key):
    """The live service page for ``service_key`` in the reader's language, else Italian."""
    pages = ServicePage.objects.live().public().filter(translation_key=service_key)
    return (
        pages.filter(locale=Locale.get_active()).first()
        or pages.filter(locale=Locale.get_default()).first()
    )


@never_cache
def add_to_basket(request, service_key):
    """Add an offer of a service to the basket; on errors show the form again, explained."""
    page = service_page_for(service_key)
    if page is None:
        raise Http404
    form = AddToBasketForm(page, request.strategy, request.basket, request.POST or None)
    if request.method == "POST" and form.is_valid():
        offer = form.cleaned_data["offer"]
        request.basket.add_product(
            offer.product, form.cleaned_data["quantity"], form.line_options()
        )
        title = service_titles([offer.product]).get(offer.product_id, page.title)
        messages.success(request, _("“%(service)s” is in your basket.") % {"service": title})
        price = request.strategy.fetch_for_product(offer.product, offer).price
        notice = getattr(getattr(price, "offer_price", None), "notice", "")
        if notice:
            messages.warning(request, notice)
        return redirect("basket:summary")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "marketplace/add_to_basket.html",
        {"page": page, "service": page, "form": form},
        status=status,
    )


def catalogue_redirect(request, product_pk=None):
    """Oscar's catalogue is not for citizens: a product leads to its service page, the rest
    to the home page."""
    Product = get_model("catalogue", "Product")
    product = Product.objects.filter(pk=product_pk).first() if product_pk else None
    page = service_page_for(product.service_key) if product and product.service_key else None
    return redirect(page.url if page else f"/{request.LANGUAGE_CODE}/")
