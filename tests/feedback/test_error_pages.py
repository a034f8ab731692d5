"""The 500 page renders without a request, context processors or database (no db marker:
pytest-django makes any query fail here)."""

from django.template.loader import render_to_string
from django.utils import translation


def test_500_page_needs_neither_database_nor_request():
    with translation.override("ar"):
        html = render_to_string("500.html")
    assert 'lang="ar" dir="rtl"' in html
    assert "bootstrap-italia.rtl.min.css" in html
    assert "<main" in html and "<h1>" in html
