from oscar.apps.basket.abstract_models import AbstractBasket


class Basket(AbstractBasket):
    def get_stock_info(self, product, options):
        """Oscar's hook for strategies that depend on line options: a line carrying an
        accepted quote (option ``quote``) is priced from the quote (marketplace.quotes)."""
        from marketplace.quotes.pricing import stock_info_for_options

        info = stock_info_for_options(self.strategy, product, options, self.owner)
        return info if info is not None else super().get_stock_info(product, options)


from oscar.apps.basket.models import *  # noqa: E402,F403
