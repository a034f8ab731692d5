from django import template

from .. import statuses

register = template.Library()


@register.filter
def line_status_label(code):
    return statuses.line_status_label(code)


@register.filter
def order_status_label(code):
    return statuses.order_status_label(code)
