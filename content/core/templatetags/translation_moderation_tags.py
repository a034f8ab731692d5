import json

from django import template
from django.urls import reverse

from content.core.admin_views import may_convert_to_alias
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


@register.simple_tag(takes_context=True)
def translation_editor_props(context):
    """The props of wagtail-localize's editor (that view's context), without its "Convert to
    alias page" button for those who may not use it."""
    props = json.loads(context["props"])
    if context.get("is_page") and not may_convert_to_alias(
        context["request"].user, context["instance"]
    ):
        props["links"]["convertToAliasUrl"] = None
    return json.dumps(props)
