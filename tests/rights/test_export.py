import io
import json

import pytest
from django.utils import translation
from pypdf import PdfReader

from marketplace.rights import export, registry

pytestmark = pytest.mark.django_db


def test_json_has_every_section_and_the_citizens_data(rich_citizen):
    data = json.loads(export.as_json(rich_citizen))
    assert data["format"] == "wemi-personal-data/1"
    assert data["account"] == "maria.rossi@example.org"
    keys = [section["key"] for section in data["sections"]]
    assert keys == [c.key for c in registry.contributors() if c.collect is not None]
    sections = {section["key"]: section for section in data["sections"]}
    assert sections["profile"]["records"][0]["first_name"] == "Maria"
    assert sections["isee"]["records"][0]["value"] == "12000.00"
    assert sections["addresses"]["records"][0]["line1"] == "Via Padova 1"
    numbers = {r["number"] for r in sections["orders"]["records"]}
    assert numbers == {str(o.number) for o in rich_citizen.orders_for_test.values()}
    assert any(r["contact_phone"] == "+39 333 1234567" for r in sections["orders"]["records"])
    assert len(sections["order_lines"]["records"]) == 2
    assert sections["emails"]["records"][0]["subject"] == "Benvenuta"
    assert sections["problem_reports"]["records"][0]["description"] == "Numero sbagliato"
    assert sections["orders"]["labels"]["contact_phone"]


def test_json_labels_follow_the_language(rich_citizen):
    with translation.override("es"):
        data = json.loads(export.as_json(rich_citizen))
    assert data["language"] == "es"
    titles = {s["key"]: s["title"] for s in data["sections"]}
    assert titles["orders"] != "Orders"


def pdf_text_and_fonts(content):
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return text, fonts


def test_pdf_has_the_data(rich_citizen):
    with translation.override("it"):
        content = export.as_pdf(rich_citizen)
    assert content.startswith(b"%PDF")
    text, _ = pdf_text_and_fonts(content)
    assert "Via Padova 1" in text
    assert str(rich_citizen.orders_for_test["pending"].number) in text


@pytest.mark.parametrize(("language", "font"), [("ar", "Naskh"), ("zh-hans", "CJK")])
def test_pdf_uses_arabic_and_chinese_fonts(rich_citizen, language, font):
    with translation.override(language):
        html = export.export_html(rich_citizen)
        content = export.as_pdf(rich_citizen)
    if language == "ar":
        assert 'dir="rtl"' in html
    _, fonts = pdf_text_and_fonts(content)
    assert any(font in name for name in fonts), fonts
