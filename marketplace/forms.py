import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from content.taxonomy.models import Zone, localized

from . import booking, line_options
from .booking import BOOKING_HORIZON_DAYS, MAX_QUANTITY  # noqa: F401 (imported from here)
from .places import places_for
from .zones import serves_zone, zone_choices

StockRecord = get_model("partner", "StockRecord")


# The quantity field's label when every offer of the service counts in the same unit.
QUANTITY_LABELS = {
    "hour": _("Number of hours"),
    "session": _("Number of sessions"),
    "month": _("Number of months"),
    "package": _("Number of packages"),
}


class OfferChoiceField(forms.ModelChoiceField):
    """Offers labelled with their provider, their price per unit and what this citizen pays."""

    strategy = None

    def label_from_instance(self, offer):
        return offer_label(offer, self.strategy)


def offer_label(offer, strategy):
    """E.g. "Coop Sole – 18,50 € per hour, you pay 5,55 €" (prices in the reader's format).

    Without a strategy (or a price) only the provider and the unit are given.
    """
    from oscar.templatetags.currency_filters import currency

    unit = UNIT_PRICES.get(offer.unit, "%(price)s")
    if offer.product.pricing_kind == "free":
        return _("%(provider)s – free") % {"provider": offer.partner.name}
    price = strategy.fetch_for_product(offer.product, offer).price if strategy else None
    if price is None or not price.exists:
        return f"{offer.partner.name} – {offer.get_unit_display()}"
    full = getattr(price, "full_price", price.excl_tax)
    label = f"{offer.partner.name} – " + unit % {"price": currency(full)}
    if price.excl_tax != full:
        label += ", " + _("you pay %(price)s") % {"price": currency(price.excl_tax)}
    return label


UNIT_PRICES = {
    "hour": _("%(price)s per hour"),
    "session": _("%(price)s per session"),
    "month": _("%(price)s per month"),
    "package": _("%(price)s per package"),
}


class ZoneChoiceField(forms.TypedChoiceField):
    """The neighbourhoods the service serves, as choices; any zone number is let through to
    ``clean_zone``, which explains which zones the service serves (an old page, another tab)."""

    def valid_value(self, value):
        return str(value).isdigit() or super().valid_value(value)


class AddToBasketForm(forms.Form):
    """An offer of one service, how much of it, when, how often and where.

    Prices are never read from the form: the basket prices lines with the strategy.
    """

    offer = OfferChoiceField(
        label=_("Offer"),
        queryset=StockRecord.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    quantity = forms.IntegerField(
        label=_("How many hours, sessions or months"),
        help_text=_(
            "Counted in the unit of the offer you choose: 4 means four hours for an "
            "hourly offer. A booking takes one place whatever the number."
        ),
        min_value=1,
        max_value=MAX_QUANTITY,
        initial=1,
    )
    start_date = forms.DateField(
        label=_("Preferred start date"),
        # HTML date inputs only accept ISO dates: without the format the initial value is lost.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    frequency = forms.ChoiceField(
        label=_("Frequency"),
        choices=line_options.Frequency.choices,
        initial=line_options.Frequency.ONCE,
        widget=forms.RadioSelect,
        help_text=_(
            "Every week: the number and the price are for one week, and this order pays for "
            "the first week. The provider contacts you to agree how many weeks."
        ),
    )
    street = forms.CharField(
        label=_("Service address (street and number)"),
        max_length=200,
        help_text=_("Where the service takes place, e.g. Via Padova 21."),
    )
    zone = ZoneChoiceField(label=_("Neighbourhood"), coerce=int)

    def __init__(self, service_page, strategy, basket, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_page = service_page
        self.strategy = strategy
        self.basket = basket
        self.fields["offer"].queryset = StockRecord.objects.filter(
            product__service_key=service_page.translation_key, product__is_public=True
        ).select_related("product", "partner")
        self.fields["offer"].strategy = strategy
        units = set(self.fields["offer"].queryset.values_list("unit", flat=True))
        if len(units) == 1 and units <= set(QUANTITY_LABELS):
            self.fields["quantity"].label = QUANTITY_LABELS[units.pop()]
        self.fields["zone"].choices = [("", _("Choose your neighbourhood"))] + zone_choices(
            service_page.facts_source
        )
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        self.fields["start_date"].widget.attrs["min"] = tomorrow.isoformat()
        self.fields["start_date"].initial = tomorrow

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        problems = booking.start_date_problems(start)
        if problems:
            raise forms.ValidationError(problems)
        return start

    def clean_street(self):
        street = self.cleaned_data["street"].strip()
        problems = booking.street_problems(street)
        if problems:
            raise forms.ValidationError(problems)
        return street

    def clean_zone(self):
        zone = Zone.objects.in_default_locale().filter(pk=self.cleaned_data["zone"]).first()
        if zone is None:
            raise forms.ValidationError(_("Choose your neighbourhood from the list."))
        source = self.service_page.facts_source
        if not serves_zone(source, zone):
            served = ", ".join(served_zone.name for served_zone in localized(source.zones.all()))
            raise forms.ValidationError(
                [
                    _(
                        "This service is not delivered in %(zone)s. Look at the zones it serves "
                        "on the service page, or search for a similar service in your area."
                    )
                    % {"zone": zone.name},
                    _("Zones it serves: %(zones)s.") % {"zones": served},
                ]
            )
        return zone

    def clean(self):
        cleaned = super().clean()
        offer, quantity = cleaned.get("offer"), cleaned.get("quantity")
        if offer is None or quantity is None:
            return cleaned
        problems = booking.quantity_problems(quantity, self.quantity_on_same_line(offer))
        if problems:
            self.add_error("quantity", problems)
            return cleaned
        info = self.strategy.fetch_for_product(offer.product, offer)
        if not info.price.exists:
            raise forms.ValidationError(_("This offer cannot be bought at the moment."))
        in_basket = self.places_in_basket(offer)
        places_left = getattr(info.availability, "are_places_left", None)
        if places_left is not None:
            permitted, reason = places_left(places_for(quantity) + in_basket)
        else:
            permitted, reason = info.availability.is_purchase_permitted(quantity)
        if not permitted:
            places = getattr(info.availability, "num_available", 0)
            if places > 0:
                message = _(
                    "Only %(places)s places are left on this offer (your basket already "
                    "holds %(in_basket)s)."
                ) % {"places": places, "in_basket": in_basket}
            else:
                message = _("This offer is sold out.")
            self.add_error("quantity", message)
        return cleaned

    def places_in_basket(self, offer):
        """Places the basket's bookings of ``offer`` take (one per line, see ``places``)."""
        if self.basket is None or self.basket.id is None:
            return 0
        return sum(
            places_for(line.quantity)
            for line in self.basket.all_lines()
            if line.stockrecord_id == offer.pk
        )

    def quantity_on_same_line(self, offer):
        """Units of the basket line this booking would merge into (same offer and choices);
        0 while a choice is still invalid (no line can match)."""
        if self.basket is None or self.basket.id is None:
            return 0
        if not all(self.cleaned_data.get(name) for name in ("start_date", "frequency", "zone")):
            return 0
        if not self.cleaned_data.get("street"):
            return 0
        return self.basket.line_quantity(offer.product, offer, self.line_options())

    def line_options(self):
        """The choices as Oscar line options (stored on the basket line, then the order)."""
        Option = get_model("catalogue", "Option")
        options = {
            option.code: option for option in Option.objects.filter(code__in=line_options.ORDER)
        }
        zone = self.cleaned_data["zone"]
        values = {
            line_options.START_DATE: self.cleaned_data["start_date"].isoformat(),
            line_options.FREQUENCY: self.cleaned_data["frequency"],
            line_options.SERVICE_STREET: self.cleaned_data["street"].strip(),
            line_options.SERVICE_ZONE: zone.name,
        }
        return [{"option": options[code], "value": value} for code, value in values.items()]
