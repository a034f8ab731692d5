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


@pytest.fixture
def editors_group(db):
    """The Comune editors group and the moderation workflow (rebuilt after a flush)."""
    from content.core.roles import setup_roles

    return setup_roles()


def _user(email, *groups):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(email=email, password="not-used")
    user.groups.add(*groups)
    return user


@pytest.fixture
def editor(editors_group):
    return _user("editor@comune.example", editors_group)


@pytest.fixture
def other_provider(taxonomy):
    return factories.make_provider("Associazione Rondine Tenace", municipio=taxonomy["municipio"])


@pytest.fixture
def other_service(other_provider, taxonomy):
    return factories.make_service(
        other_provider, "Pet sitter di quartiere", needs=taxonomy["needs"][1:],
        audiences=taxonomy["audiences"],
    )


@pytest.fixture
def provider_staff(provider, editors_group):
    provider.refresh_from_db()
    return _user("staff@girasole.example", provider.staff_group)


@pytest.fixture
def other_provider_staff(other_provider, editors_group):
    other_provider.refresh_from_db()
    return _user("staff@rondine.example", other_provider.staff_group)
