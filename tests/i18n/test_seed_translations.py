"""The demo's translations: the translation memory, and seed_translations on a small city."""

import io

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from content.core.demo.translation_memory import TranslationMemory, load_entries
from content.core.management.commands.seed_translations import services_by_category
from content.core.models import HomePage, StandardPage
from content.spaces.models import SpacePage
from content.taxonomy.models import Audience, Need, Zone

TARGETS = ("en", "ar", "zh-hans", "es")


def test_every_entry_is_translated_into_every_language():
    for entry in load_entries():
        missing = [code for code in TARGETS if not entry.get(code)]
        assert not missing, f"{entry['it']!r} lacks {missing}"


def test_the_memory_translates_filled_in_sentence_patterns():
    english = TranslationMemory("en")
    sentence = (
        "Contatta Cooperativa Sociale Libellula Operosa per telefono o per email, oppure "
        "chiedi aiuto in uno Spazio WeMi."
    )
    assert english(sentence) == (
        "Contact Cooperativa Sociale Libellula Operosa by phone or email, or ask for help at "
        "a Spazio WeMi."
    )
    assert TranslationMemory("es")("Il servizio di badante a domicilio può essere convivente, "
                                   "a ore o notturno.") == (
        "El servicio «Cuidador familiar a domicilio» puede ser interno, por horas o nocturno."
    )


def test_the_memory_translates_titles_with_qualifiers_in_each_languages_order():
    assert TranslationMemory("en")("Badante serale") == "Evening live-in carer"
    assert TranslationMemory("zh-hans")("Badante serale") == "晚间家庭护工"
    assert TranslationMemory("ar")("Municipio 3") == "البلدية 3"
    assert TranslationMemory("en")("Badante: assistenti familiari per chi ha bisogno di aiuto "
                                   "continuativo, anche condivisi tra più famiglie dello "
                                   "stesso condominio.") == (
        "Live-in carer: family care assistants for people who need continuous help, who can "
        "also be shared by several families in the same building."
    )


def test_the_memory_does_not_guess():
    assert TranslationMemory("en")("Una frase che nessuno ha tradotto.") is None
    assert TranslationMemory("en")("Bisogno sconosciuto serale") is None


@pytest.mark.django_db
def test_seed_translations_translates_the_demo_through_wagtail_localize(home_page, settings):
    settings.DEBUG = True
    call_command("seed_content", scale=0.02, stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_translations", services=2, stdout=out)
    report = out.getvalue()
    assert "Pages per language" in report and "UI message catalogs" in report

    italian = Locale.objects.get(language_code="it")
    home = HomePage.objects.get(locale=italian)
    guides = StandardPage.objects.filter(locale=italian, slug__in=[
        "come-funziona", "contributi-economici", "dichiarazione-di-accessibilita", "faq"])
    assert guides.count() == 4
    spaces = SpacePage.objects.filter(locale=italian)
    assert spaces.exists()
    services = services_by_category(italian)[:2]
    # A fair sample: two services of two different need categories.
    assert len({service.needs.first().parent_id for service in services}) == 2
    for code in TARGETS:
        locale = Locale.objects.get(language_code=code)
        for page in [home, *guides, *spaces, *services]:
            translated = Page.objects.get(translation_key=page.translation_key, locale=locale)
            assert translated.alias_of_id is None and translated.live, (code, page.title)
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=locale
            ).exists()
        for model in (Need, Zone, Audience):
            assert model.objects.filter(locale=locale).count() == model.objects.filter(
                locale=italian
            ).count()
        # The rest stays untranslated: aliases of the Italian pages.
        assert Page.objects.filter(locale=locale, alias_of__isnull=False).exists()
    english_home = HomePage.objects.get(locale__language_code="en")
    assert english_home.hero_title == "WeMi, welfare for everyone"
    arabic_faq = StandardPage.objects.get(locale__language_code="ar",
                                          translation_key=guides.get(slug="faq").translation_key)
    assert arabic_faq.title == "الأسئلة الشائعة"

    # Translated slugs replace addresses that were never public: no redirects kept for them.
    assert not Redirect.objects.exists()

    translations = StringTranslation.objects.count()
    pages = Page.objects.count()
    call_command("seed_translations", services=2, stdout=io.StringIO())
    assert StringTranslation.objects.count() == translations
    assert Page.objects.count() == pages
