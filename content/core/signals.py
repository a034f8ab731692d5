from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import HomePage
from .roles import ensure_translators_group


@receiver(post_save, sender=HomePage)
def grant_translators_a_new_language_tree(sender, instance, created, raw=False, **kwargs):
    """A language's home page is created when its tree is first synchronised from Italian
    (aliases) or translated: the Comune translators get their rights on that tree."""
    if (
        created
        and not raw
        and instance.depth == 2
        and instance.locale.language_code != settings.LANGUAGE_CODE
    ):
        ensure_translators_group()
