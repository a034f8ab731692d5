"""Translating pages and snippets in code, through wagtail-localize's own machinery.

The demo seeder uses this so that its translations are the same objects a translator makes in
the admin: a ``TranslationSource`` extracted from the Italian object, a ``Translation`` per
target language, a ``StringTranslation`` per translated segment, then ``save_target``. The
admin's translation editor shows them as ordinary translations, ready to be revised.
"""

from dataclasses import dataclass, field

import polib
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

# Fields copied from the source in every language rather than translated word by word.
IDENTITY_FIELDS = {"slug", "icon"}


@dataclass
class TranslationResult:
    instance: object
    translated: int = 0
    missing: list = field(default_factory=list)

    @property
    def complete(self):
        return not self.missing


def load_catalog(path):
    """``{Italian text: translation}`` from a PO file (wagtail-localize's exchange format)."""
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def source_strings(instance):
    """The translatable text segments of an object, as (field path, text) pairs."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    return [
        (segment.context.path, segment.string.data)
        for segment in source.stringsegment_set.select_related("string", "context").order_by(
            "order"
        )
    ]


def _lookup(catalog):
    """A catalog is a ``{source: translation}`` dict or a callable returning None if unknown."""
    return catalog.get if isinstance(catalog, dict) else catalog


def missing_strings(instance, catalog):
    """Segments of the object that the catalog cannot translate."""
    lookup = _lookup(catalog)
    return [
        text
        for path, text in source_strings(instance)
        if path.split(".")[0] not in IDENTITY_FIELDS and lookup(text) is None
    ]


@transaction.atomic
def translate(instance, locale, catalog, *, user=None, publish=True, extra=None):
    """Translate ``instance`` (an Italian page or snippet) into ``locale`` with ``catalog``.

    ``extra`` maps a field path (e.g. ``"slug"``) to a value for that segment in this
    language. Segments the catalog does not know keep the source text (wagtail-localize's
    fallback) and are listed in the result. An alias in the target language is converted
    into the translation.
    """
    extra = extra or {}
    lookup = _lookup(catalog)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    result = TranslationResult(instance=instance)
    for segment in source.stringsegment_set.select_related("string", "context"):
        path = segment.context.path
        text = extra.get(path) or lookup(segment.string.data)
        if text is None:
            if path.split(".")[0] not in IDENTITY_FIELDS:
                result.missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale=locale,
            context_id=segment.context_id,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "",
                "last_translated_by": user,
                "has_error": False,
                "field_error": "",
            },
        )
        result.translated += 1
    translation.save_target(user=user, publish=publish)
    result.instance = translation.get_target_instance()
    return result


def is_translated(instance, locale):
    """True when the object has a real translation (not an alias) in ``locale``."""
    model = type(instance)
    translations = model.objects.filter(translation_key=instance.translation_key, locale=locale)
    if isinstance(instance, Page):
        translations = translations.filter(alias_of__isnull=True)
    return translations.exists()


def target_locales():
    """Every Locale but the default language's."""
    return Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk")
