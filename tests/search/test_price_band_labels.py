"""Price band labels read the right way round in every language (no database needed)."""

from decimal import Decimal

import pytest
from django.utils import translation

from search.models import PriceBand

LRI, PDI = "\u2066", "\u2069"


@pytest.mark.parametrize("language", ["it", "en", "es", "zh-hans"])
def test_a_range_is_plain_text_in_left_to_right_languages(language):
    band = PriceBand(above=Decimal("0"), up_to=Decimal("10"))
    with translation.override(language):
        assert LRI not in band.label and "10" in band.label


def test_a_range_is_isolated_left_to_right_in_arabic():
    """In an Arabic page "0–10 €" would otherwise be laid out as "€ 10–0"."""
    band = PriceBand(above=Decimal("20"), up_to=Decimal("35"))
    with translation.override("ar"):
        label = band.label
    assert label.startswith(LRI) and label.endswith(PDI)
    assert label[1:-1].index("20") < label[1:-1].index("35")
