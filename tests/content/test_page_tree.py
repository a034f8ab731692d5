"""Page-type rules keep the tree valid."""

import pytest

from content import factories
from content.core.models import HomePage, StandardPage
from content.news.models import NewsIndexPage, NewsPage
from content.providers.models import ProviderIndexPage, ProviderPage
from content.services.models import ServiceIndexPage, ServicePage
from content.spaces.models import SpaceIndexPage, SpacePage

pytestmark = pytest.mark.django_db

ALLOWED_CHILDREN = {
    HomePage: {StandardPage, ServiceIndexPage, ProviderIndexPage, SpaceIndexPage, NewsIndexPage},
    StandardPage: {StandardPage},
    ProviderIndexPage: {ProviderPage},
    ProviderPage: {ServicePage},
    ServiceIndexPage: set(),
    ServicePage: set(),
    SpaceIndexPage: {SpacePage},
    SpacePage: set(),
    NewsIndexPage: {NewsPage},
    NewsPage: set(),
}


@pytest.mark.parametrize("parent_model", list(ALLOWED_CHILDREN), ids=lambda m: m.__name__)
def test_subpage_types(parent_model):
    assert set(parent_model.allowed_subpage_models()) == ALLOWED_CHILDREN[parent_model]


def test_services_live_only_under_providers(home_page, service):
    assert not ServicePage.can_create_at(home_page)
    assert not ServicePage.can_create_at(factories.service_index())
    assert ServicePage.can_create_at(service.get_parent())


def test_one_index_of_each_kind_per_home(home_page):
    for index in (factories.service_index(), factories.provider_index(),
                  factories.space_index(), factories.news_index()):
        home_page.refresh_from_db()  # treebeard reads the number of children from the row
        assert not type(index).can_create_at(home_page)


def test_a_provider_cannot_be_moved_under_another_provider(provider, taxonomy):
    other = factories.make_provider("Fondazione Cometa Garbata", municipio=taxonomy["municipio"])
    assert not other.specific.can_move_to(provider)
    assert not ProviderPage.can_create_at(provider)
    assert other.specific.can_move_to(provider.get_parent())
