import pytest

from content import factories
from content.taxonomy.models import Zone


@pytest.fixture
def taxonomy(home_page):
    """A small taxonomy: one need category with two needs, a Municipio, two audiences."""
    category = factories.make_need("Assistenza domiciliare", slug="assistenza-domiciliare")
    return {
        "category": category,
        "needs": [
            factories.make_need("Assistenza alla persona", parent=category),
            factories.make_need("Pulizie e faccende domestiche", parent=category),
        ],
        "municipio": factories.make_zone("Municipio 3", number=3),
        "quartiere": None,
        "audiences": [factories.make_audience("Anziani"), factories.make_audience("Famiglie")],
        "zone_kind": Zone.Kind,
    }


@pytest.fixture
def provider(taxonomy):
    return factories.make_provider(
        "Cooperativa Sociale Girasole Immaginario", municipio=taxonomy["municipio"]
    )


@pytest.fixture
def service(provider, taxonomy):
    return factories.make_service(
        provider,
        "Badante a ore per anziani",
        needs=taxonomy["needs"][:1],
        zones=[taxonomy["municipio"]],
        audiences=taxonomy["audiences"][:1],
        languages=("it", "es"),
        at_home=True,
        accredited=True,
        costs="<p>Tariffa oraria secondo la fascia ISEE.</p>",
        requirements="<p>Documento di identità.</p>",
        faq=[
            (
                "faq",
                {
                    "title": "",
                    "questions": [
                        {"question": "Posso cambiare operatore?", "answer": "<p>Sì.</p>"}
                    ],
                },
            )
        ],
    )
