from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published
from wagtail_localize.models import Translation

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


@receiver(page_published)
def give_a_published_translation_its_source_view_restrictions(sender, instance, **kwargs):
    """wagtail-localize copies the source page's view restrictions (private, password, groups)
    when it publishes a translation itself; a translation approved through moderation is
    published by Wagtail's workflow, so the copy is made here. Restrictions changed later are
    copied across every translation and alias by ``content.core.restrictions``."""
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )
    if translation is not None:
        translation.source.update_target_view_restrictions(instance.locale)
