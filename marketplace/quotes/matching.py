"""Which providers a citizen may ask for a quote: those with a live, active service for the
need (or one of its needs, for a need category) that serves the zone."""

from django.conf import settings

from content.services.models import ServicePage
from content.taxonomy.models import Need
from marketplace.factories import partner_for
from marketplace.zones import serves_zone

# At most this many providers are suggested.
MAX_SUGGESTIONS = 12


def needs_covered(need):
    """The need itself and, for a category, its needs (Italian rows)."""
    return [need, *Need.objects.filter(parent=need)]


def candidate_services(need, zone, first_service_key=None):
    """Italian service pages that can answer: one per provider, the service the citizen
    started from first, then by title. Returns ``[(service page, provider page)]``."""
    services = (
        ServicePage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, is_active=True)
        .filter(ServicePage.has_needs(needs_covered(need)))
        .prefetch_related("zones")
        .order_by("title")
    )
    services = [service for service in services if serves_zone(service, zone)]
    if first_service_key is not None:
        services.sort(key=lambda service: service.translation_key != first_service_key)
    providers = ServicePage.providers_of(services)
    chosen, seen = [], set()
    for service in services:
        provider = providers.get(service.pk)
        if provider is None or provider.pk in seen:
            continue
        seen.add(provider.pk)
        chosen.append((service, provider))
        if len(chosen) >= MAX_SUGGESTIONS:
            break
    return chosen


def offer_of(service, provider):
    """``(partner, service_key, pricing_kind)`` for ``workflow.send_request``."""
    return (
        partner_for(provider),
        service.translation_key,
        "accredited" if service.accredited else "market",
    )
