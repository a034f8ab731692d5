import json

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from content.core.translation_moderation import may_convert_to_alias, moderation_status

register = template.Library()
# Where wagtail-localize's editor block mounts its React editor, after its headers.
EDITOR_MOUNT = '<div class="js-translation-editor"'


@register.simple_tag(takes_context=True)
def translation_moderation_panel(context):
    """The moderation panel of wagtail-localize's editor, for the page ``instance`` translated
    by ``translation`` (that view's context)."""
    return render_to_string(
        "content_core/admin/translation_moderation_panel.html",
        {
            "status": moderation_status(context["instance"], context["request"].user),
            "submit_url": reverse(
                "content_core_submit_translation", args=[context["translation"].pk]
            ),
        },
        request=context["request"],
    )


@register.filter
def with_panel_before_editor(editor_block, panel):
    """wagtail-localize's editor block with the panel between its headers and the editor (at
    the top, should its markup change)."""
    head, mount, tail = str(editor_block).partition(EDITOR_MOUNT)
    if not mount:
        return mark_safe(panel + head)
    return mark_safe(head + panel + mount + tail)


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
