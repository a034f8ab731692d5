from django.conf import settings
from django.utils import translation
from oscar.apps.order import utils


class OrderCreator(utils.OrderCreator):
    """Oscar's order creator, freezing the money split and the language on the order."""

    def create_order_model(self, *args, **kwargs):
        kwargs.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
        return super().create_order_model(*args, **kwargs)

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        price = basket_line.purchase_info.price
        fields = dict(extra_line_fields or {})
        fields.setdefault("full_unit_price", getattr(price, "full_price", price.excl_tax))
        fields.setdefault(
            "comune_contribution",
            getattr(price, "comune_contribution", 0) * basket_line.quantity,
        )
        # A line paying an accepted quote marks it ordered first (a conditional UPDATE), or
        # the whole order rolls back (marketplace.quotes).
        from marketplace.quotes.pricing import claim_for_basket_line, link_order_line

        quote_id = claim_for_basket_line(basket_line, order.user)
        order_line = super().create_line_models(order, basket_line, fields)
        link_order_line(quote_id, order_line)
        return order_line
