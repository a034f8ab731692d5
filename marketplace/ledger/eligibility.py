"""What a fund's vouchers may buy: services in the Milano 0-18 catalogue
(``content.services.minors.in_catalogue_0_18``) and/or services meeting one of the fund's
chosen needs. An employer's welfare credit plan buys any service, or only those meeting one
of its needs when it names some. A product sells a service through its ``service_key`` (the
service page's translation key, shared by all its translations)."""

from django.conf import settings


def eligible_products(fund, products):
    """The ids of ``products`` that ``fund``'s vouchers may pay for."""
    from content.services.models import ServicePage

    from .models import Fund

    needs = list(fund.needs.all())
    if fund.kind == Fund.Kind.EMPLOYER_CREDIT and not needs:
        return {product.pk for product in products}
    keys = {product.pk: product.service_key for product in products if product.service_key}
    if not keys:
        return set()
    eligible_keys = set()
    pages = ServicePage.objects.filter(
        translation_key__in=set(keys.values()), locale__language_code=settings.LANGUAGE_CODE
    )
    if needs:
        eligible_keys |= set(
            pages.filter(ServicePage.has_needs(needs)).values_list("translation_key", flat=True)
        )
    if fund.catalogue_0_18:
        from content.services.minors import in_catalogue_0_18

        eligible_keys |= {page.translation_key for page in pages if in_catalogue_0_18(page)}
    return {pk for pk, key in keys.items() if key in eligible_keys}
