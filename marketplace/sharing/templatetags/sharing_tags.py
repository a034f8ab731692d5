from django import template
from django.utils import timezone

from content.taxonomy.models import localized

from .. import rules
from ..forms import StartGroupForm, shared_offers
from ..models import SharingGroup, tiers_of
from ..views import _strategy, annotate, your_price

register = template.Library()

TABLE_ROWS = 6


@register.filter
def zone_label(zone):
    """A zone's name in the reader's language."""
    return localized([zone])[0].name if zone is not None else ""


@register.inclusion_tag("marketplace_sharing/includes/sharing_panel.html", takes_context=True)
def sharing_panel(context, page):
    """On a sharable service page: the price per household for 1..6 households (after the
    reader's ISEE share), the public groups forming for this service and the form to start
    one. Anonymous visitors (a page the proxy caches) get the prices at the full tariff and
    links only."""
    request = context["request"]
    if not page.facts_source.sharable:
        return {"shown": False}
    offers = list(shared_offers(page).prefetch_related("sharing_tiers"))
    if not offers:
        return {"shown": False}
    strategy = _strategy(request)
    user = request.user
    tables = []
    for offer in offers:
        tiers = tiers_of(offer)
        up_to = max(
            [TABLE_ROWS] + [tier.min_households for tier in tiers]
        )
        tables.append(
            {
                "offer": offer,
                "rows": [
                    {"households": n, "full": price, "yours": your_price(strategy, offer, price)}
                    for n, price in rules.price_table(tiers, offer.price or 0, up_to)
                ],
            }
        )
    forming = []
    if user.is_authenticated:
        forming = annotate(
            SharingGroup.objects.filter(
                service_key=page.translation_key,
                status=SharingGroup.Status.FORMING,
                is_public=True,
                deadline__gt=timezone.now(),
            ).select_related("offer__product", "offer__partner", "zone")[:10],
            request,
        )
    return {
        "shown": True,
        "request": request,
        "user": user,
        "page": page,
        "service": page,
        "tables": tables,
        "groups": forming,
        "form": StartGroupForm(page, strategy) if user.is_authenticated else None,
    }
