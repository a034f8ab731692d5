"""schema.org ``GovernmentService`` for service pages (Designers Italia "metatag")."""

from content.core.content_cache import language_code_of
from content.taxonomy.models import localized


def _postal_address(address):
    data = {
        "@type": "PostalAddress",
        "streetAddress": address.street_address,
        "postalCode": address.postcode,
        "addressLocality": getattr(address, "city", "") or "Milano",
        "addressCountry": "IT",
    }
    return {key: value for key, value in data.items() if value}


def _absolute_url(page, request):
    """The page's address on the host the reader used (the Site's root URL without a request).

    Behind the proxy the request's host is the public one; the Site's hostname may be a
    placeholder such as ``localhost``."""
    if request is None:
        return page.get_full_url()
    return request.build_absolute_uri(page.get_url(request))


def government_service(page, request=None):
    """The JSON-LD object describing a ``ServicePage`` in the reader's language.

    The shape follows what the Designers Italia validator checks (R.SI.1.1): ``serviceType``
    is a string, ``areaServed`` and ``audience`` are objects, and ``availableChannel`` has a
    ``serviceLocation`` with a name and a postal address (the provider's first address).
    """
    source = getattr(page, "prefetched_facts_source", page.facts_source)
    provider = getattr(page, "provider_page", None) or page.get_parent().specific
    provider_facts = provider.facts_source
    organization = {
        "@type": "Organization",
        "name": provider.title,
        "url": _absolute_url(provider, request),
    }
    if getattr(provider_facts, "legal_name", ""):
        organization["legalName"] = provider_facts.legal_name
    if getattr(provider_facts, "phone", ""):
        organization["telephone"] = provider_facts.phone
    if getattr(provider_facts, "email", ""):
        organization["email"] = provider_facts.email
    provider_addresses = provider.addresses_in_reader_language()
    addresses = [_postal_address(address) for address in provider_addresses]
    if addresses:
        organization["address"] = addresses[0] if len(addresses) == 1 else addresses

    area = {"@type": "City", "name": "Milano"}
    if not source.serves_whole_city:
        zones = localized(source.zones.all())
        if zones:
            area["containsPlace"] = [
                {"@type": "AdministrativeArea", "name": zone.name} for zone in zones
            ]

    url = _absolute_url(page, request)
    channel = {"@type": "ServiceChannel", "serviceUrl": url}
    if provider_addresses:
        first = provider_addresses[0]
        channel["serviceLocation"] = {
            "@type": "Place",
            "name": f"{provider.title} – {first.label}" if first.label else provider.title,
            "address": addresses[0],
        }
    audiences = [audience.name for audience in localized(source.audiences.all())]

    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": language_code_of(page),
        "provider": organization,
        "serviceOperator": organization,
        "areaServed": area,
        "availableLanguage": [row.code for row in source.languages.all()],
        "serviceType": ", ".join(need.name for need in localized(source.needs.all())),
        "audience": {"@type": "Audience", "audienceType": ", ".join(audiences)}
        if audiences
        else None,
        "availableChannel": channel,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
