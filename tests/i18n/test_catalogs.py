"""Every visible string of the citizen-facing templates is translatable and translated."""

import polib
import pytest
from django.conf import settings

from content.core.catalogs import catalog_paths, catalog_status
from content.core.template_strings import (
    citizen_templates,
    template_messages,
    untranslated_literals,
)

CATALOGS = {path.parent.parent.name: path for path in catalog_paths()}
MACHINE_ASSISTED = {"ar", "zh_Hans", "es"}


def test_there_is_a_catalog_per_language():
    expected = {code.replace("zh-hans", "zh_Hans") for code, _name in settings.LANGUAGES}
    assert set(CATALOGS) == expected


@pytest.mark.parametrize("template", citizen_templates(), ids=lambda path: path.name)
def test_citizen_templates_have_no_untranslated_literal_text(template):
    literals = untranslated_literals(template.read_text(), template.suffix == ".html")
    assert not literals, f"{template}: wrap in {{% translate %}}: {literals}"


def test_the_literal_check_catches_literals_and_accepts_translated_text():
    source = (
        '<p>Hello {{ name }}</p><img alt="A photo" src="x.png">'
        '<h1>{% translate "Welcome" %}</h1>{% blocktranslate %}Fine{% endblocktranslate %}'
        "<span>WeMi</span><script>var x = 'ignored';</script>"
    )
    assert untranslated_literals(source) == ["Hello", "A photo"]


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_catalog_has_no_fuzzy_nor_empty_entries(language):
    status = catalog_status(CATALOGS[language])
    assert status.fuzzy == [], f"{language}: fuzzy entries"
    assert status.untranslated == [], f"{language}: {len(status.untranslated)} untranslated"
    if language in MACHINE_ASSISTED:
        assert status.review_note == "machine-assisted, needs review"


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_every_message_of_the_citizen_templates_is_translated(language):
    catalog = {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.pofile(str(CATALOGS[language]))
        if not entry.obsolete and "fuzzy" not in entry.flags
    }
    missing = []
    for template in citizen_templates():
        for context, msgid, _plural in template_messages(template.read_text()):
            entry = catalog.get((context, msgid))
            translated = entry is not None and (
                all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
            )
            if not translated:
                missing.append(f"{template.name}: {msgid}")
    assert not missing, "run makemessages and translate:\n" + "\n".join(missing)
