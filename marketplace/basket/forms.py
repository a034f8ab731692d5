"""The basket page's quantity forms, with the booking rules (``marketplace.booking``)."""

from django import forms
from oscar.apps.basket import forms as oscar_forms

from marketplace import booking

# Oscar's other basket forms are found in oscar.apps.basket.forms (get_class falls back).


class BasketLineForm(oscar_forms.BasketLineForm):
    """A line's new quantity: 0 removes it; otherwise 1 to ``booking.MAX_QUANTITY`` and
    within the places left (Oscar's checks)."""

    def __init__(self, strategy, *args, **kwargs):
        super().__init__(strategy, *args, **kwargs)
        widget = self.fields["quantity"].widget
        current_max = widget.attrs.get("max")
        widget.attrs["max"] = min(int(current_max or booking.MAX_QUANTITY), booking.MAX_QUANTITY)

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"] or 0
        if quantity > 0:
            problems = booking.quantity_problems(quantity)
            if problems:
                raise forms.ValidationError(problems)
        return super().clean_quantity()
