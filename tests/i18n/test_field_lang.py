"""Fields still in Italian on a partially translated page carry lang="it" dir="ltr"."""

import re

from content.core.translations import translate


def element(html, data_element):
    return re.search(rf'<[^>]*data-element="{data_element}"[^>]*>', html).group(0)


def test_untranslated_fields_of_a_partial_translation_are_marked(client, synced_site, locales):
    arabic = {"Badante a ore": "جليسة بالساعة", "Persone anziane.": "كبار السن."}
    result = translate(synced_site, locales["ar"], arabic, extra={"slug": "badante-ar"})
    assert not result.complete  # the summary and the other sections stay in Italian
    html = client.get(result.instance.url).content.decode()

    title = element(html, "service-title")
    assert "lang=" not in title  # translated: the page's language and direction
    summary = element(html, "service-description")
    assert 'lang="it"' in summary and 'dir="ltr"' in summary
    how_to = element(html, "service-how-to")
    assert 'lang="it"' in how_to and 'dir="ltr"' in how_to
    addressed = element(html, "service-addressed")
    assert "lang=" not in addressed


def test_fully_translated_and_italian_pages_carry_no_field_lang(
    client, english_service, synced_site
):
    for page in (english_service, synced_site):
        html = client.get(page.url).content.decode()
        assert "lang=" not in element(html, "service-description")
