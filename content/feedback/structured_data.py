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


def government_service(page, request=None):
    """The JSON-LD object describing a ``ServicePage`` in the reader's language."""
    source = getattr(page, "prefetched_facts_source", page.facts_source)
    provider = getattr(page, "provider_page", None) or page.get_parent().specific
    provider_facts = provider.facts_source
    organization = {
        "@type": "Organization",
        "name": provider.title,
        "url": provider.get_full_url(request),
    }
    if getattr(provider_facts, "legal_name", ""):
        organization["legalName"] = provider_facts.legal_name
    if getattr(provider_facts, "phone", ""):
        organization["telephone"] = provider_facts.phone
    if getattr(provider_facts, "email", ""):
        organization["email"] = provider_facts.email
    addresses = [
        _postal_address(address) for address in provider.addresses_in_reader_language()
    ]
    if addresses:
        organization["address"] = addresses[0] if len(addresses) == 1 else addresses

    if source.serves_whole_city:
        area = [{"@type": "City", "name": "Milano"}]
    else:
        area = [
            {"@type": "AdministrativeArea", "name": zone.name}
            for zone in localized(source.zones.all())
        ] or [{"@type": "City", "name": "Milano"}]

    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "inLanguage": language_code_of(page),
        "provider": organization,
        "serviceOperator": organization,
        "areaServed": area,
        "availableLanguage": [row.code for row in source.languages.all()],
        "serviceType": [need.name for need in localized(source.needs.all())],
        "audience": [
            {"@type": "Audience", "audienceType": audience.name}
            for audience in localized(source.audiences.all())
        ],
        "availableChannel": {"@type": "ServiceChannel", "serviceUrl": page.get_full_url(request)},
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
