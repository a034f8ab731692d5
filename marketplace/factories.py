"""Builders for marketplace objects, shared by tests and the demo seeder (``seed_offers``)."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

_sequence = itertools.count(1)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_model("marketplace_accounts", "User")


def partner_for(provider_page):
    """The provider's Partner (one per source provider page), created on first use."""
    source = provider_page.facts_source if hasattr(provider_page, "facts_source") else provider_page
    partner, _created = Partner.objects.get_or_create(
        provider_key=source.translation_key, defaults={"name": source.title[:128]}
    )
    return partner


def make_offer(
    service_page,
    price="20.00",
    unit="hour",
    pricing_kind="accredited",
    capacity=None,
    title=None,
    sku=None,
):
    """An offer of ``service_page``: a Product (linked by translation_key) and its StockRecord."""
    product = Product.objects.create(
        title=(title or service_page.title)[:255],
        structure=Product.STANDALONE,
        product_class=ProductClass.objects.get(slug="service"),
        service_key=service_page.translation_key,
        pricing_kind=pricing_kind,
        slug=slugify(f"{service_page.slug}-{next(_sequence)}")[:128],
    )
    stockrecord = StockRecord.objects.create(
        product=product,
        partner=partner_for(service_page.get_parent().specific),
        partner_sku=sku or f"WEMI-{product.pk:06d}",
        price=Decimal(price),
        price_currency="EUR",
        num_in_stock=capacity,
        unit=unit,
    )
    return stockrecord


def make_citizen(
    email=None,
    password="wemi-cittadino",
    isee=None,
    isee_expires_on=None,
    isee_verified=True,
    **fields,
):
    """A citizen account, optionally with an ISEE declaration (value in EUR), verified by
    the Comune unless ``isee_verified`` is False (verified_by empty: the seed verified it)."""
    from marketplace.pricing.models import IseeDeclaration

    email = email or f"cittadino{next(_sequence)}@wemi.example"
    user = User.objects.create_user(email=email, password=password, **fields)
    if isee is not None:
        declaration = IseeDeclaration(
            user=user,
            value=Decimal(isee),
            dsu_protocol=f"INPS-ISEE-{timezone.localdate().year}-{user.pk:08d}X-00",
            expires_on=isee_expires_on or datetime.date(timezone.localdate().year, 12, 31),
        )
        if isee_verified:
            declaration.mark_verified(None)
        declaration.save()
        if isee_verified:
            declaration.record_verification()
    return user
