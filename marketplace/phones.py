"""Phone numbers citizens give at checkout, read with Google's libphonenumber.

People type numbers as they write them: with spaces, dots, dashes, a ``+39`` or not, and in
their own digits (Arabic-Indic ``٠٢ ١٢٣٤٥٦٧``, Eastern Arabic-Indic ``۰۲``, full-width
``０２``...). The number is read in the default region (``PHONENUMBER_DEFAULT_REGION``, Italy
for Milan) unless it starts with ``+``, must be a valid number of its country (so ``------``
or ``0-0-0-0`` are refused), and is stored in international format (``+39 02 123 4567``),
which every provider can dial.
"""

import unicodedata

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_INPUT_LENGTH = 40
INVALID_MESSAGE = _("Enter a valid phone number, e.g. 02 1234567 or +39 333 1234567.")


def ascii_digits(text):
    """``text`` with every decimal digit of any script as its ASCII digit (NFKC first).

    ``ascii_digits("٠٢ ١٢٣")`` is ``"02 123"``; other characters are kept.
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(
        str(unicodedata.decimal(char)) if unicodedata.decimal(char, None) is not None else char
        for char in folded
    )


def normalise_phone(raw, region=None):
    """The phone number in ``raw`` in international format, e.g. ``"+39 02 123 4567"``.

    ``region`` (ISO 3166 code) is the country of numbers given without ``+``; default
    ``settings.PHONENUMBER_DEFAULT_REGION``. Raises ``ValidationError`` (code ``invalid``)
    when ``raw`` is not a valid phone number of that country or of the one its ``+`` names.
    """
    region = region or getattr(settings, "PHONENUMBER_DEFAULT_REGION", None) or "IT"
    text = ascii_digits(raw or "").strip()
    if not text or len(text) > MAX_INPUT_LENGTH:
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(INVALID_MESSAGE, code="invalid") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
