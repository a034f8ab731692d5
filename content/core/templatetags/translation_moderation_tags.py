from django import template
from django.urls import reverse

from content.core.translation_moderation import moderation_status

register = template.Library()


@register.inclusion_tag(
    "content_core/admin/translation_moderation_panel.html", takes_context=True
)
def translation_moderation_panel(context):
    """The moderation panel of wagtail-localize's editor, for the page ``instance`` translated
    by ``translation`` (that view's context)."""
    return {
        "status": moderation_status(context["instance"], context["request"].user),
        "submit_url": reverse(
            "content_core_submit_translation", args=[context["translation"].pk]
        ),
        "csrf_token": context.get("csrf_token"),
    }
