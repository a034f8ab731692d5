from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ProviderPage
from .permissions import ensure_provider_staff_group


@receiver(post_save, sender=ProviderPage)
def create_provider_staff_group(sender, instance, created, raw=False, **kwargs):
    """Every new provider gets its own staff group; translations share the source's."""
    if created and not raw and instance.is_source:
        ensure_provider_staff_group(instance)
