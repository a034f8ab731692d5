import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket, with the booking rules on the basket page's quantities (forms.py)."""

    name = "marketplace.basket"
