"""Signal receivers that schedule index updates after commit (see ``search.indexing``).

Services are re-indexed when a service or its provider is published, unpublished, moved or
deleted; when one of its offers or stock records changes; and when a need or zone it refers
to changes (categories and zone expansion are indexed with the service).
"""

from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.core.restrictions import view_restrictions_changed
from content.providers.models import ProviderPage
from content.services.models import ServicePage
from content.taxonomy.models import Audience, Need, Zone

from .catalog import invalidate_catalogs
from .indexing import schedule_update
from .models import PriceBand


def _service_keys_under(provider):
    """Translation keys of the services of this provider (all its translations)."""
    paths = ProviderPage.objects.filter(translation_key=provider.translation_key).values_list(
        "path", flat=True
    )
    keys = set()
    for path in paths:
        keys.update(
            ServicePage.objects.filter(path__startswith=path).values_list(
                "translation_key", flat=True
            )
        )
    return keys


def page_changed(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, ServicePage):
        schedule_update([page.translation_key])
    elif isinstance(page, ProviderPage):
        schedule_update(_service_keys_under(page))
        invalidate_catalogs()  # provider names and the provider facet


def service_deleted(sender, instance, **kwargs):
    schedule_update([instance.translation_key])


def offer_changed(sender, instance, **kwargs):
    if hasattr(instance, "service_key"):
        schedule_update([instance.service_key])
    else:
        Product = get_model("catalogue", "Product")
        schedule_update(
            Product.objects.filter(pk=instance.product_id).values_list("service_key", flat=True)
        )


def need_changed(sender, instance, **kwargs):
    needs = [instance, *instance.children.all()] if instance.pk else [instance]
    schedule_update(
        ServicePage.objects.filter(needs__in=needs).values_list("translation_key", flat=True)
    )


def zone_changed(sender, instance, **kwargs):
    zones = [instance, *Zone.objects.filter(parent=instance)]
    if instance.parent_id:
        zones.append(instance.parent)
    schedule_update(
        ServicePage.objects.filter(zones__in=zones).values_list("translation_key", flat=True)
    )


def restrictions_changed(sender, page, **kwargs):
    """A restriction on a page covers the services at and below it: the index holds public
    pages only (``build_documents``), so they are re-indexed (dropped, or back in)."""
    schedule_update(
        ServicePage.objects.filter(path__startswith=page.path).values_list(
            "translation_key", flat=True
        )
    )
    invalidate_catalogs()  # a provider's name in the provider facet


def catalog_changed(sender, **kwargs):
    invalidate_catalogs()


def connect():
    view_restrictions_changed.connect(restrictions_changed, dispatch_uid="search_restrictions")
    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="search_page_moved")
    post_delete.connect(service_deleted, sender=ServicePage, dispatch_uid="search_service_deleted")
    for model_name in (("catalogue", "Product"), ("partner", "StockRecord")):
        model = get_model(*model_name)
        post_save.connect(offer_changed, sender=model, dispatch_uid=f"search_{model_name}_saved")
        post_delete.connect(
            offer_changed, sender=model, dispatch_uid=f"search_{model_name}_deleted"
        )
    for model in (Need, Zone, Audience, PriceBand):
        for signal in (post_save, post_delete):
            signal.connect(catalog_changed, sender=model, dispatch_uid=f"search_catalog_{model}")
    post_save.connect(need_changed, sender=Need, dispatch_uid="search_need_saved")
    post_save.connect(zone_changed, sender=Zone, dispatch_uid="search_zone_saved")
