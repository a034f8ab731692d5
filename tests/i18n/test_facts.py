"""Words are translated, facts are not: a translation has its source's facts, always."""

import pytest
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import OverridableSegment, TranslationSource

from content.providers.models import ProviderPage
from content.services.models import ServiceLanguage, ServicePage
from content.spaces.models import SpacePage

pytestmark = pytest.mark.django_db

FACTS = {
    ServicePage: {"is_active", "needs", "serves_whole_city", "zones", "audiences", "at_home",
                  "at_provider", "online", "sharable", "accredited", "languages",
                  "age_from", "age_to", "activity_kind"},
    ProviderPage: {"legal_name", "kind", "vat_number", "accreditation_number",
                   "accredited_until", "phone", "email", "website", "logo", "addresses"},
    SpacePage: {"address", "postcode", "municipio", "quartiere", "phone", "email",
                "step_free_access", "opening_hours"},
}
WORDS = {
    ServicePage: {"title", "summary", "description", "audience_description", "how_to_access",
                  "requirements", "outcome", "times_and_deadlines", "costs", "conditions",
                  "contact_notes", "faq"},
    ProviderPage: {"title", "description"},
    SpacePage: {"title", "intro", "offers", "accessibility"},
}


@pytest.mark.parametrize("model", list(FACTS))
def test_facts_are_synchronised_and_not_overridable_words_are_translatable(model):
    fields = {field.field_name: field for field in get_translatable_fields(model)}
    for name in FACTS[model]:
        assert isinstance(fields[name], SynchronizedField), name
        assert fields[name].overridable is False, name
    for name in WORDS[model]:
        assert isinstance(fields[name], TranslatableField), name


def facts_of(page):
    """What a reader of the page sees as facts (the template context) plus the API's facts."""
    from django.test import RequestFactory

    request = RequestFactory().get(page.url)
    context = page.get_context(request)
    return {
        "api": page.facts,
        "needs": [need.translation_key for need in context["needs"]],
        "zones": [zone.translation_key for zone in context["zones"]],
        "audiences": [audience.translation_key for audience in context["audiences"]],
        "languages": [row.code for row in context["languages"]],
        "delivery_modes": page.delivery_modes,
        "provider": context["provider"].translation_key,
        "accredited": context["facts"].accredited,
    }


def test_translation_has_the_same_facts_as_its_source(english_service, service):
    service.refresh_from_db()
    assert facts_of(english_service) == facts_of(service)
    assert english_service.get_parent().translation_key == service.get_parent().translation_key


def test_changing_a_fact_on_the_source_changes_it_in_every_language(
    english_service, service, taxonomy, locales
):
    service = ServicePage.objects.get(pk=service.pk)
    service.needs = taxonomy["needs"]
    service.zones = taxonomy["zones"]
    service.audiences = taxonomy["audiences"][1:]
    service.at_home, service.online, service.sharable = False, True, True
    service.languages.add(ServiceLanguage(code="zh"))
    service.save_revision().publish()
    service = ServicePage.objects.get(pk=service.pk)
    expected = facts_of(service)
    assert expected["needs"] == [need.translation_key for need in taxonomy["needs"]]
    assert expected["delivery_modes"] == ["online"]
    for code in ("en", "ar", "zh-hans", "es"):
        translated = ServicePage.objects.get(
            translation_key=service.translation_key, locale=locales[code]
        )
        assert facts_of(translated) == expected, code


def test_a_translations_own_copy_of_facts_is_never_read(english_service, service, taxonomy):
    """Even if a translation's own M2M rows were changed (wagtail-localize does not sync
    them), readers and the API still get the source's facts."""
    english_service.needs = taxonomy["needs"][1:]
    english_service.audiences = taxonomy["audiences"][1:]
    english_service.save()
    service.refresh_from_db()
    assert facts_of(ServicePage.objects.get(pk=english_service.pk)) == facts_of(service)


def test_the_translation_editor_offers_no_fact_to_override(english_service, service):
    source = TranslationSource.objects.get(object_id=service.translation_key)
    overridable = set(
        OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True)
    )
    assert not {path.split(".")[0] for path in overridable} & FACTS[ServicePage]
