"""Create a Locale per language and make an Italian HomePage the site's root."""

from django.conf import settings
from django.db import migrations


def create_locales_and_home(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("content_core", "HomePage")

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    italian = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    if HomePage.objects.exists():
        return
    # Remove Wagtail's placeholder welcome page (depth 2) if it is still there.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(
        model="homepage", app_label="content_core"
    )
    home = HomePage.objects.create(
        title="WeMi",
        draft_title="WeMi",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=italian,
        hero_title="WeMi",
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "WeMi"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("content_core", "0001_initial"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    run_before = []

    operations = [migrations.RunPython(create_locales_and_home, migrations.RunPython.noop)]
