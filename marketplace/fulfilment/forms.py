from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from content.taxonomy.models import Zone
from marketplace import line_options

from . import statuses

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class AcceptForm(forms.Form):
    scheduled_start = forms.DateTimeField(
        label=_("Start date and time"),
        input_formats=[DATETIME_LOCAL_FORMAT],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT),
        help_text=_("When the service starts (the citizen receives it by e-mail)."),
    )
    schedule_notes = forms.CharField(
        label=_("Notes for the citizen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the days of the week, the name of the operator, what to prepare."),
    )

    def clean_scheduled_start(self):
        scheduled_start = self.cleaned_data["scheduled_start"]
        if scheduled_start < timezone.now():
            raise forms.ValidationError(_("The start must be in the future."))
        return scheduled_start


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the citizen reads it)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LineFilterForm(forms.Form):
    """Filters of the order lines listing; provider and zone are for Comune operators."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(statuses.LINE_STATUS_LABELS.items()),
    )
    placed_from = forms.DateField(
        label=_("Placed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    placed_to = forms.DateField(
        label=_("Placed until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, all_orders=False, **kwargs):
        super().__init__(*args, **kwargs)
        if all_orders:
            self.fields["provider"] = forms.ModelChoiceField(
                label=_("Provider"),
                required=False,
                queryset=Partner.objects.order_by("name"),
                empty_label=_("All"),
            )
            self.fields["zone"] = forms.ModelChoiceField(
                label=_("Zone of the service address"),
                required=False,
                queryset=Zone.objects.in_default_locale().order_by("kind", "number", "name"),
                empty_label=_("All"),
                help_text=_("A Municipio includes its neighbourhoods."),
            )

    def clean(self):
        cleaned = super().clean()
        placed_from, placed_to = cleaned.get("placed_from"), cleaned.get("placed_to")
        if placed_from and placed_to and placed_from > placed_to:
            raise forms.ValidationError(_("The period starts after it ends."))
        return cleaned

    def filter(self, lines):
        """The lines that match the valid filters (all of them when the form is invalid)."""
        if not self.is_valid():
            return lines
        data = self.cleaned_data
        if data["status"]:
            lines = lines.filter(status=data["status"])
        if data["placed_from"]:
            lines = lines.filter(order__date_placed__date__gte=data["placed_from"])
        if data["placed_to"]:
            lines = lines.filter(order__date_placed__date__lte=data["placed_to"])
        if data.get("provider"):
            lines = lines.filter(partner=data["provider"])
        if data.get("zone"):
            lines = lines_in_zone(lines, data["zone"])
        return lines


def lines_in_zone(lines, zone):
    """The lines whose service address lies in ``zone`` (a Municipio covers its neighbourhoods).

    The address's zone is stored on the line as an option holding the zone's Italian name.
    """
    names = [zone.name, *Zone.objects.filter(parent=zone).values_list("name", flat=True)]
    in_zone = Q()
    for name in names:
        in_zone |= Q(attributes__value=name)
    return lines.filter(in_zone, attributes__option__code=line_options.SERVICE_ZONE).distinct()


class OfferForm(forms.ModelForm):
    """An offer's terms; only the fields the user may change (``access.editable_offer_fields``)."""

    class Meta:
        model = StockRecord
        fields = ["unit", "price", "num_in_stock"]
        labels = {
            "price": _("Price per unit (EUR)"),
            "num_in_stock": _("Capacity (places)"),
        }
        help_texts = {"num_in_stock": _("Leave empty for unlimited places.")}

    def __init__(self, *args, editable_fields, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in editable_fields:
                del self.fields[name]
        if "price" in self.fields:
            self.fields["price"].required = True
            self.fields["price"].min_value = 0
            self.fields["price"].widget.attrs["min"] = "0"
        if "num_in_stock" in self.fields:
            self.fields["num_in_stock"].widget.attrs["min"] = "0"

    def clean_price(self):
        price = self.cleaned_data["price"]
        if price < 0:
            raise forms.ValidationError(_("The price cannot be negative."))
        return price

    def clean_num_in_stock(self):
        capacity = self.cleaned_data["num_in_stock"]
        allocated = self.instance.num_allocated or 0
        if capacity is not None and capacity < allocated:
            raise forms.ValidationError(
                _("%(count)s places are already booked: the capacity cannot be lower.")
                % {"count": allocated}
            )
        return capacity
