"""The language switcher keeps the page; hreflang, <html lang dir>, RTL and the fallback notice."""

import re

import pytest
from django.conf import settings
from wagtail.models import Page

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def switcher_links(html):
    """{hreflang: (href, attributes)} of the language switcher's links."""
    switcher = re.search(r'data-element="language-switcher".*?</nav>', html, re.S).group(0)
    links = {}
    for attributes in re.findall(r"<a ([^>]*)>", switcher):
        hreflang = re.search(r'hreflang="([^"]+)"', attributes).group(1)
        links[hreflang] = (re.search(r'href="([^"]+)"', attributes).group(1), attributes)
    return links


def tag(code):
    return "zh-Hans" if code == "zh-hans" else code


def test_switcher_keeps_the_page_in_every_language(client, english_service, locales):
    source = english_service.get_translation(locales["it"])
    counterparts = {
        code: source.get_translation(locales[code]).url for code in LANGUAGE_CODES
    }
    assert counterparts["en"] == english_service.url
    for code in LANGUAGE_CODES:
        response = client.get(counterparts[code])
        assert response.status_code == 200, code
        links = switcher_links(response.content.decode())
        assert {target: links[tag(target)][0] for target in LANGUAGE_CODES} == counterparts


def test_switcher_is_an_accessible_control(client, english_service):
    html = client.get(english_service.url).content.decode()
    switcher = re.search(r'<nav [^>]*data-element="language-switcher"[^>]*>', html).group(0)
    assert 'aria-label="' in switcher
    assert re.search(r'<button type="button"[^>]*aria-expanded="false"', html)
    links = switcher_links(html)
    names = {"it": "italiano", "en": "English", "ar": "العربيّة", "zh-Hans": "简体中文",
             "es": "español"}
    for language, name in names.items():
        href, attributes = links[language]
        assert f'lang="{language}"' in attributes
        assert name.lower() in html.lower()
    assert 'aria-current="true"' in links["en"][1]
    assert all("aria-current" not in links[code][1] for code in ("it", "ar", "zh-Hans", "es"))


def test_switcher_switches_the_prefix_of_other_views(rf, home_page):
    from django.template.loader import render_to_string
    from django.utils import translation

    request = rf.get("/it/shop/basket/", {"page": "2"})
    with translation.override("it"):
        html = render_to_string("theme/includes/language_switcher.html", request=request)
    links = switcher_links(html)
    assert links["en"][0] == "/en/shop/basket/?page=2"
    assert links["zh-Hans"][0] == "/zh-hans/shop/basket/?page=2"
    assert 'aria-current="true"' in links["it"][1]


def test_switcher_keeps_a_routable_sub_path(client, synced_site, taxonomy):
    from content import factories

    index = factories.service_index()
    from content.core.languages import synchronise_language_trees

    synchronise_language_trees()
    response = client.get(f"{index.url}assistenza-domiciliare/?need=x")
    links = switcher_links(response.content.decode())
    assert links["es"][0].endswith("/assistenza-domiciliare/?need=x")
    assert links["es"][0].startswith("/es/")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_html_lang_dir_and_rtl_stylesheet_only_in_arabic(client, synced_site, locales, code):
    page = synced_site.get_translation(locales[code])
    html = client.get(page.url).content.decode()
    rtl = code == "ar"
    assert f'<html lang="{tag(code)}" dir="{"rtl" if rtl else "ltr"}">' in html
    assert ("bootstrap-italia.rtl.min.css" in html) is rtl
    assert ("bootstrap-italia.min.css" in html) is not rtl


def test_hreflang_alternates_list_real_translations_and_x_default(client, english_service, locales):
    source = english_service.get_translation(locales["it"])
    html = client.get(source.url).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "it": f"http://testserver{source.url}",
        "x-default": f"http://testserver{source.url}",
        "en": f"http://testserver{english_service.url}",
    }


def test_untranslated_page_shows_italian_text_with_a_notice_in_the_readers_language(
    client, english_service, locales
):
    spanish = Page.objects.get(
        translation_key=english_service.translation_key, locale=locales["es"]
    )
    assert spanish.alias_of_id is not None
    html = client.get(spanish.url).content.decode()
    assert 'data-element="translation-notice"' in html
    assert "Esta página aún no está traducida a tu idioma" in html
    assert "italiano" in html
    assert "Una badante a ore per le persone anziane." in html
    assert '<div lang="it" dir="ltr">' in html
    arabic = Page.objects.get(translation_key=english_service.translation_key, locale=locales["ar"])
    arabic_html = client.get(arabic.url).content.decode()
    assert 'dir="rtl"' in arabic_html  # the page, and within it the Italian words left to right
    assert '<div lang="it" dir="ltr">' in arabic_html
    translated = client.get(english_service.url).content.decode()
    assert 'data-element="translation-notice"' not in translated
    assert "An hourly care worker for elderly people." in translated
    italian = client.get(english_service.get_translation(locales["it"]).url).content.decode()
    assert 'data-element="translation-notice"' not in italian


def test_aliases_follow_source_updates(client, synced_site, locales):
    source = synced_site
    source.summary = "Una badante a ore, anche il sabato."
    source.save_revision().publish()
    chinese = source.get_translation(locales["zh-hans"])
    html = client.get(chinese.url).content.decode()
    assert "Una badante a ore, anche il sabato." in html


def test_new_pages_get_aliases_in_every_language(synced_site, provider, taxonomy, locales):
    from content import factories
    from content.core.languages import pages_per_language, synchronise_language_trees

    factories.make_service(provider, "Spesa a domicilio", needs=taxonomy["needs"][1:],
                           audiences=taxonomy["audiences"][1:])
    counts = synchronise_language_trees()
    italian_pages = counts["it"][0]
    for code in LANGUAGE_CODES[1:]:
        assert sum(counts[code]) == italian_pages
    assert pages_per_language() == counts
