from django import template

from marketplace import line_options

from .. import statuses

register = template.Library()


@register.filter
def line_status_label(code):
    return statuses.line_status_label(code)


@register.filter
def order_status_label(code):
    return statuses.order_status_label(code)


@register.filter
def chosen_options(line):
    """The citizen's choices on an order line (start date, frequency, address) for people."""
    return line_options.describe(line.attributes.all())
