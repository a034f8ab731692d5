"""An offer's price or capacity is shown on its service page: purge that page from the
caching proxy, in every language, after commit (``content.core.frontend_cache``)."""

from django.db.models.signals import post_delete, post_save
from oscar.core.loading import get_model

from content.core.frontend_cache import frontend_cache_enabled, purge_pages_after_commit
from content.services.models import ServicePage


def offer_changed(sender, instance, **kwargs):
    if not frontend_cache_enabled():
        return
    if hasattr(instance, "service_key"):
        keys = [instance.service_key]
    else:
        Product = get_model("catalogue", "Product")
        keys = Product.objects.filter(pk=instance.product_id).values_list("service_key", flat=True)
    pages = list(ServicePage.objects.filter(translation_key__in=[k for k in keys if k]))
    if pages:
        purge_pages_after_commit(pages)


def connect():
    for model_name in (("catalogue", "Product"), ("partner", "StockRecord")):
        model = get_model(*model_name)
        for signal in (post_save, post_delete):
            signal.connect(
                offer_changed, sender=model, dispatch_uid=f"frontend_cache_{model_name}_{signal}"
            )
