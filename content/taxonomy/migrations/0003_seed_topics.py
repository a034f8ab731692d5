"""Seed the topics: the entries of the Designers Italia model's controlled vocabulary (drawn
from EuroVoc) that fit a welfare portal, in Italian word for word as the model lists them
(italia/pa-website-validator, src/storage/municipality/controlledVocabulary.ts), with their
translations in the portal's other languages."""

import uuid

from django.db import migrations

TOPICS = [
    # slug, it (the model's exact word), en, ar, zh_Hans, es
    ("assistenza-sociale", "Assistenza sociale", "Social assistance", "المساعدة الاجتماعية",
     "社会救助", "Asistencia social"),
    ("assistenza-agli-invalidi", "Assistenza agli invalidi", "Assistance to disabled people",
     "مساعدة ذوي الإعاقة", "残疾人援助", "Asistencia a personas con discapacidad"),
    ("integrazione-sociale", "Integrazione sociale", "Social integration",
     "الاندماج الاجتماعي", "社会融合", "Integración social"),
    ("immigrazione", "Immigrazione", "Immigration", "الهجرة", "移民", "Inmigración"),
    ("istruzione", "Istruzione", "Education", "التعليم", "教育", "Educación"),
    ("formazione-professionale", "Formazione professionale", "Vocational training",
     "التدريب المهني", "职业培训", "Formación profesional"),
    ("lavoro", "Lavoro", "Work", "العمل", "工作", "Trabajo"),
    ("tempo-libero", "Tempo libero", "Leisure", "أوقات الفراغ", "休闲", "Tiempo libre"),
    ("sport", "Sport", "Sport", "الرياضة", "体育", "Deporte"),
    ("animale-domestico", "Animale domestico", "Pets", "الحيوانات الأليفة", "宠物",
     "Animales domésticos"),
    ("spazio-verde", "Spazio Verde", "Green space", "المساحات الخضراء", "绿地",
     "Espacios verdes"),
]
LANGUAGES = ["it", "en", "ar", "zh-hans", "es"]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Topic = apps.get_model("content_taxonomy", "Topic")
    locales = {locale.language_code.lower(): locale for locale in Locale.objects.all()}
    for order, (slug, *names) in enumerate(TOPICS):
        key = uuid.uuid4()
        for code, name in zip(LANGUAGES, names, strict=True):
            locale = locales.get(code) or locales.get(code.replace("-", "_"))
            if locale is None or Topic.objects.filter(locale=locale, slug=slug).exists():
                continue
            Topic.objects.create(
                locale=locale, slug=slug, name=name, sort_order=order, translation_key=key
            )


class Migration(migrations.Migration):
    dependencies = [
        ("content_taxonomy", "0002_topics"),
        ("content_core", "0002_locales_and_home"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
