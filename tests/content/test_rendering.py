"""Every page type renders with 200 and shows its content."""

from datetime import date, time

import pytest

from content import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(service, provider, taxonomy):
    factories.service_index()
    space = factories.make_space(
        "Spazio WeMi Prova",
        municipio=taxonomy["municipio"],
        address="Via Capuana 3",
        step_free_access=True,
        accessibility="<p>Ascensore e bagno accessibile.</p>",
        opening_hours=[(0, time(9), time(13)), (3, time(14), time(18))],
    )
    news = factories.make_news(
        "Nuovi voucher per le famiglie",
        date=date(2026, 10, 1),
        intro="Dal primo ottobre si possono chiedere i voucher per le attività dei minori.",
        body=[("paragraph", "<p>Le domande si presentano online.</p>")],
    )
    guide = factories.make_guide(
        "Come funziona WeMi",
        intro="WeMi ti aiuta a trovare servizi di cura e assistenza.",
        body=[
            ("heading", {"text": "Cerca un servizio", "level": "h2"}),
            ("callout", {"title": "Serve aiuto?", "text": "<p>Vai in uno Spazio WeMi.</p>",
                         "tone": "info"}),
        ],
    )
    return {"space": space, "news": news, "guide": guide, "service": service,
            "provider": provider}


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert html.count("<h1") == 1, url
    return html


def test_home_page_lists_need_categories_spaces_and_news(client, site, home_page):
    html = get_html(client, home_page.url)
    index = factories.service_index()
    assert f'href="{index.url}assistenza-domiciliare/"' in html
    assert "Spazio WeMi Prova" in html
    assert "Nuovi voucher per le famiglie" in html


def test_guide_renders_its_blocks(client, site):
    html = get_html(client, site["guide"].url)
    assert "WeMi ti aiuta a trovare servizi" in html
    assert "<h2>Cerca un servizio</h2>" in html
    assert "Vai in uno Spazio WeMi." in html


def test_provider_index_and_page(client, site, taxonomy):
    html = get_html(client, factories.provider_index().url)
    assert "Cooperativa Sociale Girasole Immaginario" in html
    html = get_html(client, site["provider"].url)
    provider = site["provider"]
    for fact in (provider.legal_name, provider.accreditation_number, provider.phone,
                 provider.email, "Via Esempio 1", "Municipio 3", "Badante a ore per anziani"):
        assert fact in html


def test_service_index_lists_categories_and_needs(client, site, taxonomy):
    index = factories.service_index()
    html = get_html(client, index.url)
    assert "Assistenza domiciliare" in html
    assert "Pulizie e faccende domestiche" in html
    html = get_html(client, f"{index.url}assistenza-domiciliare/")
    assert "Badante a ore per anziani" in html
    assert "Cooperativa Sociale Girasole Immaginario" in html


def test_need_filter_narrows_the_category_listing(client, site, taxonomy):
    index = factories.service_index()
    other_need = taxonomy["needs"][1]
    html = get_html(client, f"{index.url}assistenza-domiciliare/?need={other_need.slug}")
    assert "Badante a ore per anziani" not in html
    assert client.get(f"{index.url}assistenza-domiciliare/?need=nessuno").status_code == 404
    assert client.get(f"{index.url}categoria-inesistente/").status_code == 404


def test_space_index_and_page(client, site):
    html = get_html(client, factories.space_index().url)
    assert "Spazio WeMi Prova" in html
    html = get_html(client, site["space"].url)
    for content in ("Via Capuana 3", "Municipio 3", "09:00", "18:00",
                    "Ascensore e bagno accessibile."):
        assert content in html
    assert "lunedì" in html.lower()  # weekday names come from Django's Italian catalogue


def test_news_index_and_page(client, site):
    html = get_html(client, factories.news_index().url)
    assert "Nuovi voucher per le famiglie" in html
    html = get_html(client, site["news"].url)
    assert "Le domande si presentano online." in html


def test_category_cards_show_area_and_price_and_filter_by_zone_and_price(client, site, service):
    from marketplace import factories as shop
    from marketplace.defaults import ensure_all

    ensure_all()
    shop.make_offer(service, price="22.00", unit="hour", pricing_kind="accredited")
    index = factories.service_index()
    html = get_html(client, f"{index.url}assistenza-domiciliare/")
    card = html.split("Badante a ore per anziani", 1)[1].split("</article>", 1)[0]
    assert "Municipio 3" in card  # where
    assert "22,00" in card and "€" in card  # full price from
    # The filter box searches this category on the search page, by zone and price band.
    form = html.split('data-element="category-filters"', 1)[1].split("</form>", 1)[0]
    assert 'name="category" value="assistenza-domiciliare"' in form
    assert 'name="zone"' in form and 'name="price"' in form
    assert '<option value="municipio-3">Municipio 3</option>' in form
    assert html.split('data-element="category-filters"', 1)[0].rsplit("<form", 1)[1].count(
        'action="/it/cerca/"'
    ) == 1


def test_untranslated_cards_on_an_arabic_category_page_read_left_to_right(client, site):
    from wagtail.models import Locale

    from content.core.languages import synchronise_language_trees

    synchronise_language_trees()  # Arabic aliases of every page
    arabic_index = factories.service_index().get_translation(Locale.objects.get(language_code="ar"))
    html = get_html(client, f"{arabic_index.url}assistenza-domiciliare/")
    assert 'dir="rtl"' in html
    assert 'class="card-title h5" lang="it" dir="ltr"' in html
