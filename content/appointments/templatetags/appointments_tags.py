from django import template
from django.utils import timezone

from content.taxonomy.models import localized

from ..models import Activity

register = template.Library()


@register.simple_tag
def space_activities(space_page, limit=12):
    """The coming activities and courses of a Spazio, in the active language (the Italian row
    where not translated), each with ``free`` places counted on the Italian row."""
    sources = list(
        Activity.objects.filter(
            space_key=space_page.translation_key,
            locale__language_code="it",
            starts_at__gt=timezone.now(),
        ).order_by("starts_at")[:limit]
    )
    shown = localized(sources)
    for source, activity in zip(sources, shown, strict=True):
        activity.places_left = source.free
        activity.source_pk = source.pk
    return shown
