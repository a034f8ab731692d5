"""What a citizen chooses with an offer, stored as Oscar line options (basket -> order line).

Values are stored as plain text (codes, ISO dates, the street and zone as written);
:func:`describe` turns a line's attributes into translated label/value pairs for people.
"""

from django.db import models
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

START_DATE = "start_date"
FREQUENCY = "frequency"
SERVICE_STREET = "service_street"
SERVICE_ZONE = "service_zone"


class Frequency(models.TextChoices):
    ONCE = "once", _("One-off")
    WEEKLY = "weekly", _("Every week")


LABELS = {
    START_DATE: _("Preferred start date"),
    FREQUENCY: _("Frequency"),
    SERVICE_STREET: _("Service address"),
    SERVICE_ZONE: _("Zone"),
}
ORDER = [START_DATE, FREQUENCY, SERVICE_STREET, SERVICE_ZONE]


# How a chosen frequency reads in the basket, the order and the receipt: a weekly booking
# says that its quantity and price are for one week.
FREQUENCY_SUMMARIES = {
    Frequency.ONCE: _("One-off"),
    Frequency.WEEKLY: _("Every week (quantity and price for one week)"),
}


def zone_name(italian_name):
    """The name of the zone stored on a line (its Italian name) in the reader's language.

    The Italian name is what the line keeps whatever language the booking was made in (the
    provider's lists filter on it); a zone without a translation, or a name no zone has any
    more, reads as stored.
    """
    from content.taxonomy.models import Zone, localized

    zone = Zone.objects.in_default_locale().filter(name=italian_name).first()
    return localized([zone])[0].name if zone is not None else italian_name


def display_value(code, value):
    """A stored option value as the reader sees it, in the active language: the frequency's
    label (stored as its code), the date in the language's format, the zone's translated
    name; the address as written."""
    if code == FREQUENCY:
        return FREQUENCY_SUMMARIES[value] if value in Frequency.values else value
    if code == START_DATE:
        parsed = parse_date(str(value))
        return date_format(parsed) if parsed else value
    if code == SERVICE_ZONE and value:
        return zone_name(value)
    return value


def describe(attributes):
    """Translated ``(label, value)`` pairs of a basket or order line's options, in order."""
    by_code = {
        attribute.option.code: attribute.value for attribute in attributes if attribute.option
    }
    return [(LABELS[code], display_value(code, by_code[code])) for code in ORDER if code in by_code]
