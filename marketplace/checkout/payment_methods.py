"""Payment methods as a small registry, so that vouchers and welfare credit can plug in.

A method says whether it can pay a basket and records the payment for an order number
(through the checkout view's ``add_payment_source``/``add_payment_event``). Register more
with :func:`register` from an app's ``ready()``.
"""

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

_registry = {}


class PaymentMethod:
    code = ""
    name = ""
    description = ""

    def is_available(self, basket, user):
        return True

    def label(self, basket, user):
        """The method's name for this basket (a method may name what the citizen has)."""
        return self.name

    def take_payment(self, view, order_number, total):
        raise NotImplementedError


class PayTheProvider(PaymentMethod):
    """The citizen pays each provider directly; the provider records the payment later."""

    code = "pay-provider"
    name = _("Pay the provider")
    description = _(
        "You pay each provider directly (bank transfer, card or cash, as the provider "
        "tells you); the provider records your payment."
    )

    def take_payment(self, view, order_number, total):
        SourceType = get_model("payment", "SourceType")
        Source = get_model("payment", "Source")
        source_type, _created = SourceType.objects.get_or_create(
            code=self.code, defaults={"name": str(self.name)}
        )
        view.add_payment_source(
            Source(source_type=source_type, amount_allocated=total.incl_tax, reference=order_number)
        )


def register(method):
    _registry[method.code] = method
    return method


def available_methods(basket, user):
    return [method for method in _registry.values() if method.is_available(basket, user)]


def get_method(code):
    return _registry.get(code)


#: Names of payment sources that are not methods of their own (a welfare credit paying part of
#: an order), by source type code.
_source_names = {}


def register_source_name(code, name):
    _source_names[code] = name


def source_type_name(source_type):
    """The name of an order's payment method in the reader's language.

    Oscar stores a ``SourceType`` row with a name, written once in whatever language was
    active when the first order paid that way; the registered method's (translated) name is
    shown instead, looked up by the row's stable code. A code no method has any more shows
    the stored name.
    """
    if source_type.code in _source_names:
        return _source_names[source_type.code]
    method = get_method(source_type.code)
    return method.name if method is not None else source_type.name


register(PayTheProvider())
