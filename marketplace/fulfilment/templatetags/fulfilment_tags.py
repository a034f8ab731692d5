from django import template

from marketplace import line_options

from .. import payments, statuses

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


@register.filter
def payment_state(line):
    """``paid``, ``due``, ``awaiting`` or ``none`` (marketplace/fulfilment/payments.py)."""
    return payments.payment_state(line)


@register.filter
def payment_state_label(line):
    """What the citizen or the provider reads about the payment of ``line``."""
    return payments.payment_label(payments.payment_state(line))
