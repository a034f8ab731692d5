"""Data the marketplace needs to work: the service product class, the line options a citizen
fills in, and the Comune's default ISEE bands.

Migrations create them (passing their historical models); the demo seeder and tests call
:func:`ensure_all` again after a live-server test flushed the tables.
"""

import datetime
from decimal import Decimal

SERVICE_CLASS = {
    "slug": "service",
    "name": "Servizio",
    "requires_shipping": False,
    "track_stock": True,
}
LINE_OPTIONS = [
    ("start_date", "Data di inizio preferita", "date"),
    ("frequency", "Frequenza", "text"),
    ("service_street", "Indirizzo del servizio", "text"),
    ("service_zone", "Zona", "text"),
]
# ISEE up to 6,000 EUR pays nothing, up to 15,000 pays 30 %, up to 27,000 pays 60 %,
# above (or without an ISEE) the full tariff.
DEFAULT_BANDS = [
    (Decimal("6000.00"), Decimal("0")),
    (Decimal("15000.00"), Decimal("30")),
    (Decimal("27000.00"), Decimal("60")),
    (None, Decimal("100")),
]
DEFAULT_BANDS_VALID_FROM = datetime.date(2024, 1, 1)


def ensure_product_class_and_options(ProductClass, Option):
    ProductClass.objects.update_or_create(
        slug=SERVICE_CLASS["slug"],
        defaults={key: value for key, value in SERVICE_CLASS.items() if key != "slug"},
    )
    for code, name, kind in LINE_OPTIONS:
        Option.objects.update_or_create(code=code, defaults={"name": name, "type": kind})


def ensure_isee_bands(IseeBand):
    if IseeBand.objects.exists():
        return
    for upper_bound, share in DEFAULT_BANDS:
        IseeBand.objects.create(
            upper_bound=upper_bound, share_percent=share, valid_from=DEFAULT_BANDS_VALID_FROM
        )


def ensure_all():
    from oscar.core.loading import get_model

    from marketplace.pricing.models import IseeBand

    ensure_product_class_and_options(
        get_model("catalogue", "ProductClass"), get_model("catalogue", "Option")
    )
    ensure_isee_bands(IseeBand)
