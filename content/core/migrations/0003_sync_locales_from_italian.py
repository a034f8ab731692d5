"""Every other language's page tree is synchronised from Italian (wagtail-localize).

Untranslated pages then exist in every language as aliases of the Italian ones (showing the
Italian text with a notice), pages created later in Italian get their aliases at once, and a
translation replaces the alias when a translator publishes it.
"""

from django.conf import settings
from django.db import migrations


def sync_from_default_language(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    for locale in Locale.objects.exclude(pk=default.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})


class Migration(migrations.Migration):
    dependencies = [
        ("content_core", "0002_locales_and_home"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(sync_from_default_language, migrations.RunPython.noop)]
