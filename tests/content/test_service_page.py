import pytest

pytestmark = pytest.mark.django_db


def test_service_page_shows_every_section_in_order(client, service, taxonomy):
    response = client.get(service.url)
    assert response.status_code == 200
    html = response.content.decode()
    sections = [
        'data-element="service-category-link"',
        'data-element="service-title"',
        'data-element="service-status"',
        'data-element="service-description"',
        'id="who-it-is-for"',
        'id="how-to-access"',
        'id="what-you-need"',
        'id="costs"',
        'id="contacts"',
        'id="faq"',
        'id="topics"',
    ]
    positions = [html.index(marker) for marker in sections]
    assert positions == sorted(positions)
    assert "Assistenza domiciliare" in html  # category
    assert "Tariffa oraria secondo la fascia ISEE." in html
    assert "Posso cambiare operatore?" in html
    assert "Cooperativa Sociale Girasole Immaginario" in html
    assert "Municipio 3" in html
    assert html.count("<h1") == 1


def test_topics_link_to_the_need_listing(client, service, taxonomy):
    from content import factories

    index = factories.service_index()
    html = client.get(service.url).content.decode()
    need = taxonomy["needs"][0]
    assert f'{index.url}assistenza-domiciliare/?need={need.slug}' in html
    listing = client.get(f"{index.url}assistenza-domiciliare/?need={need.slug}")
    assert listing.status_code == 200


def test_inactive_service_shows_the_reason(client, provider, taxonomy):
    from content import factories

    page = factories.make_service(
        provider, "Centro estivo", needs=taxonomy["needs"][1:], audiences=taxonomy["audiences"],
        is_active=False, inactive_reason="Riapre a giugno",
    )
    html = client.get(page.url).content.decode()
    assert "Riapre a giugno" in html
