"""Dates, numbers and prices are written the way each language writes them."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

PRICE = Decimal("1234.50")


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load currency_filters l10n humanize %}" + source).render(
            Context(context)
        )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("it", "1.234,50\xa0€"),
        ("en", "€1,234.50"),
        ("es", "1.234,50\xa0€"),
        ("zh-hans", "€1,234.50"),
    ],
)
def test_prices_follow_the_language(language, expected):
    assert render("{{ price|currency }}", language, price=PRICE) == expected


def test_arabic_prices_use_arabic_separators_and_the_euro_sign():
    rendered = render("{{ price|currency }}", "ar", price=PRICE)
    assert "€" in rendered and "1" in rendered and "234" in rendered
    assert rendered != render("{{ price|currency }}", "en", price=PRICE)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("it", "23 Novembre 2026"),
        ("en", "Nov. 23, 2026"),
        ("es", "23 de noviembre de 2026"),
        ("zh-hans", "2026年11月23日"),
    ],
)
def test_dates_follow_the_language(language, expected):
    assert render("{{ day|date }}", language, day=date(2026, 11, 23)) == expected


def test_arabic_dates_use_arabic_month_names():
    assert "نوفمبر" in render("{{ day|date }}", "ar", day=date(2026, 11, 23))


@pytest.mark.parametrize(
    ("language", "expected"), [("it", "14:30"), ("en", "2:30 p.m."), ("es", "14:30")]
)
def test_times_follow_the_language(language, expected):
    moment = datetime(2026, 11, 23, 14, 30, tzinfo=ZoneInfo("Europe/Rome"))
    assert render("{{ moment|time }}", language, moment=moment) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("it", "1.234,5"), ("en", "1,234.5"), ("es", "1\xa0234,5")]
)
def test_large_numbers_are_grouped_per_language_with_intcomma(language, expected):
    assert render("{{ number|intcomma }}", language, number=Decimal("1234.5")) == expected


def test_numbers_are_not_grouped_by_default():
    """USE_THOUSAND_SEPARATOR stays off: ids and years in templates must not read "1.234"."""
    assert render("{{ number }}", "it", number=1234) == "1234"
    assert render("{{ number }}", "it", number=Decimal("1234.5")) == "1234,5"
