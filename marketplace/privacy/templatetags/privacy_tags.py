from django import template

from marketplace.privacy.access import is_operator

register = template.Library()


@register.simple_tag(takes_context=True)
def is_desk_operator(context):
    """Whether the reader operates a Spazio WeMi desk (the profile links their desk)."""
    request = context.get("request")
    return request is not None and is_operator(request.user)
