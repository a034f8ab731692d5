from importlib import import_module

import pytest
from django.apps import apps
from wagtail.models import Collection, Locale

from content import factories
from content.core.languages import synchronise_language_trees
from content.core.translations import translate


@pytest.fixture(autouse=True)
def data_from_migrations(db):
    """Rows data migrations create, which a live-server test's flush deletes from the reused
    test database: the root collection and wagtail-localize's "submit translation"."""
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    import_module(
        "wagtail_localize.migrations.0006_create_submit_translation_permission"
    ).create_submit_translation_permission(apps, None)


@pytest.fixture
def locales(home_page):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def taxonomy(home_page):
    category = factories.make_need("Assistenza domiciliare", slug="assistenza-domiciliare")
    return {
        "category": category,
        "needs": [
            factories.make_need("Assistenza alla persona", parent=category),
            factories.make_need("Pulizie di casa", parent=category),
        ],
        "zones": [
            factories.make_zone("Municipio 3", number=3),
            factories.make_zone("Municipio 8", number=8),
        ],
        "audiences": [factories.make_audience("Anziani"), factories.make_audience("Famiglie")],
    }


@pytest.fixture
def provider(taxonomy):
    return factories.make_provider(
        "Cooperativa Sociale Girasole Immaginario", municipio=taxonomy["zones"][0]
    )


@pytest.fixture
def service(provider, taxonomy):
    return factories.make_service(
        provider,
        "Badante a ore",
        needs=taxonomy["needs"][:1],
        zones=taxonomy["zones"][:1],
        audiences=taxonomy["audiences"][:1],
        languages=("it", "ar"),
        at_home=True,
        accredited=True,
        summary="Una badante a ore per le persone anziane.",
        description="<p>Aiuto nella cura della persona.</p>",
        audience_description="<p>Persone anziane.</p>",
        how_to_access="<p>Telefona alla cooperativa.</p>",
    )


SERVICE_EN = {
    "Badante a ore": "Hourly care worker",
    "Una badante a ore per le persone anziane.": "An hourly care worker for elderly people.",
    "Aiuto nella cura della persona.": "Help with personal care.",
    "Persone anziane.": "Elderly people.",
    "Telefona alla cooperativa.": "Call the cooperative.",
}


@pytest.fixture
def synced_site(service):
    """The small site with every language synchronised from Italian (aliases everywhere)."""
    synchronise_language_trees()
    return service


@pytest.fixture
def english_service(synced_site, locales):
    """The service translated into English; the other languages keep their aliases."""
    result = translate(synced_site, locales["en"], SERVICE_EN, extra={"slug": "hourly-care-worker"})
    assert result.complete, result.missing
    return result.instance
