"""Content and offers for search tests, built with the shared factories."""

from decimal import Decimal

from oscar.core.loading import get_model
from wagtail.models import Collection

from content import factories
from content.taxonomy.models import Zone


def build_taxonomy():
    if Collection.get_first_root_node() is None:  # flushed by a live-server test
        Collection.add_root(name="Root")  # provider pages need it for their staff collection
    category = factories.make_need("Anziani a casa", slug="anziani-casa")
    care = factories.make_need("Assistenza domiciliare", parent=category, slug="assistenza")
    meals = factories.make_need("Pasti a domicilio", parent=category, slug="pasti")
    municipio = factories.make_zone("Municipio 1", slug="municipio-1", number=1)
    brera = factories.make_zone("Brera", kind=Zone.Kind.QUARTIERE, parent=municipio, slug="brera")
    other = factories.make_zone("Municipio 2", slug="municipio-2", number=2)
    elderly = factories.make_audience("Anziani", slug="anziani")
    return {
        "category": category,
        "care": care,
        "meals": meals,
        "municipio": municipio,
        "brera": brera,
        "other": other,
        "elderly": elderly,
    }


def make_offer(service, price, pricing_kind="market", unit="hour"):
    """An Oscar product selling this service, with one stock record at ``price`` per unit."""
    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    product_class, _created = ProductClass.objects.get_or_create(
        name="Servizio", defaults={"requires_shipping": False, "track_stock": False}
    )
    partner, _created = Partner.objects.get_or_create(name=service.get_parent().title)
    product = Product.objects.create(
        title=service.title,
        product_class=product_class,
        service_key=service.translation_key,
        pricing_kind=pricing_kind,
    )
    StockRecord.objects.create(
        product=product,
        partner=partner,
        partner_sku=f"sku-{product.pk}",
        price=Decimal(price),
        unit=unit,
    )
    return product
