"""The skeleton every site needs: a Locale per language, the root Collection, an Italian
home page, the Site.

Migrations create it once; live-server tests flush tables and the demo seeder starts from
it, so both call :func:`ensure_site_tree`, which is idempotent.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site


@transaction.atomic
def ensure_site_tree():
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    from .models import HomePage

    italian = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=italian)
    home = HomePage.objects.filter(locale=italian, depth=2).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title="WeMi", slug="home", hero_title="WeMi", locale=italian)
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="WeMi"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home
