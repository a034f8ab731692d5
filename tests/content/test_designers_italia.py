"""The Designers Italia "modello Comuni" criteria, as the official validator
(italia/pa-website-validator, src/audits/municipality/ and src/storage/municipality/) reads the
rendered HTML: markers (data-element), section names and order, exact wording, JSON-LD shape.

Each test names the criterion it guards, so CI keeps them true without running the validator.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from content import factories
from content.feedback.models import FooterSettings
from content.services.models import ServiceIndexPage

pytestmark = pytest.mark.django_db

# src/storage/municipality/menuItems.ts: primaryMenuItems.<key>.data_element and the first
# secondary_item_data_element (for "live", the two buttons of "Vivere il Comune").
MENU_ITEMS = {
    "management": "management-category-link",
    "news": "news-category-link",
    "all-services": "service-category-link",
    "live": "live-button-locations",
}
CUSTOM_MENU_ITEM = "custom-submenu"  # customPrimaryMenuItemsDataElement
# src/storage/municipality/contentTypeItems.ts
MODEL_SECTIONS = [
    "A chi è rivolto",
    "Come fare",
    "Cosa serve",
    "Cosa si ottiene",
    "Tempi e scadenze",
    "Accedi al servizio",
    "Condizioni di servizio",
    "Contatti",
]
# src/storage/municipality/feedbackComponentStructure.ts
FEEDBACK_TITLE = "Quanto sono chiare le informazioni su questa pagina?"
POSITIVE_QUESTION = "Quali sono stati gli aspetti che hai preferito?"
POSITIVE_ANSWERS = {
    "Le indicazioni erano chiare",
    "Le indicazioni erano complete",
    "Capivo sempre che stavo procedendo correttamente",
    "Non ho avuto problemi tecnici",
    "Altro",
}
NEGATIVE_QUESTION = "Dove hai incontrato le maggiori difficoltà?"
NEGATIVE_ANSWERS = {
    "A volte le indicazioni non erano chiare",
    "A volte le indicazioni non erano complete",
    "A volte non capivo se stavo procedendo correttamente",
    "Ho avuto problemi tecnici",
    "Altro",
}
# src/storage/common/legalNotes.ts
LICENCE_TITLE = "Licenza dei contenuti"
LICENCE_TEXT = (
    "In applicazione del principio open by default ai sensi dell’articolo 52 del decreto "
    "legislativo 7 marzo 2005, n. 82 (CAD) e salvo dove diversamente specificato (compresi i "
    "contenuti incorporati di terzi), i dati, i documenti e le informazioni pubblicati sul sito "
    "sono rilasciati con licenza CC-BY 4.0. Gli utenti sono quindi liberi di condividere "
    "(riprodurre, distribuire, comunicare al pubblico, esporre in pubblico), rappresentare, "
    "eseguire e recitare questo materiale con qualsiasi mezzo e formato e modificare "
    "(trasformare il materiale e utilizzarlo per opere derivate) per qualsiasi fine, anche "
    "commerciale con il solo onere di attribuzione, senza apporre restrizioni aggiuntive."
)
# Part of src/storage/municipality/controlledVocabulary.ts (municipalityModelVocabulary).
MODEL_VOCABULARY = {
    "Animale domestico", "Assistenza agli invalidi", "Assistenza sociale", "Formazione "
    "professionale", "Immigrazione", "Integrazione sociale", "Istruzione", "Lavoro",
    "Spazio Verde", "Sport", "Tempo libero",
}  # fmt: skip
# The JSON schema of src/audits/municipality/metatagAudit.ts (R.SI.1.1), as a shape:
# {key: type or nested shape}; every key is required.
METATAG_SHAPE = {
    "name": str,
    "serviceType": str,
    "serviceOperator": {"name": str},
    "areaServed": {"name": str},
    "audience": {"audienceType": str},
    "availableChannel": {
        "serviceUrl": str,
        "serviceLocation": {
            "name": str,
            "address": {"streetAddress": str, "postalCode": str, "addressLocality": str},
        },
    },
}


def shape_errors(data, shape, where="$"):
    """Where ``data`` departs from ``shape`` (missing keys, wrong types, empty strings)."""
    errors = []
    for key, expected in shape.items():
        value = data.get(key) if isinstance(data, dict) else None
        path = f"{where}.{key}"
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                errors.append(f"{path}: an object, not {value!r}")
            else:
                errors.extend(shape_errors(value, expected, path))
        elif not isinstance(value, expected) or not value:
            errors.append(f"{path}: a non-empty {expected.__name__}, not {value!r}")
    return errors


def soup(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def marked(page, element):
    return page.select(f'[data-element="{element}"]')


def text(node):
    return " ".join(node.get_text().split())


@pytest.fixture
def topic():
    return factories.make_topic("Assistenza sociale", slug="assistenza-sociale")


@pytest.fixture
def full_service(service, topic):
    """The conftest service, with a topic and a conditions document."""
    document = get_document_model().objects.create(
        title="Condizioni", file=ContentFile(b"%PDF-1.4", name="condizioni.pdf")
    )
    service.topics = [topic]
    service.conditions_document = document
    service.save_revision().publish()
    service.refresh_from_db()
    return service


def test_servizi_lists_every_service_with_pager_links(client, provider, taxonomy, monkeypatch):
    """The validator follows "all-services" and collects "service-link" through "pager-link"."""
    monkeypatch.setattr(ServiceIndexPage, "per_page", 2)
    index = factories.service_index()
    for number in range(3):
        factories.make_service(provider, f"Servizio {number}", needs=taxonomy["needs"][:1])
    home = soup(client, "/it/")
    menu = marked(home, "all-services")
    assert [link["href"] for link in menu] == [index.url]
    first = soup(client, index.url)
    assert len(marked(first, "service-link")) == 2
    assert marked(first, "service-category-link")
    pager = [link["href"] for link in marked(first, "pager-link")]
    # Absolute: getRandomThirdLevelPagesUrl resolves relative pager links against the home,
    # and compares the raw href with the pages it has built (path-only links loop for ever).
    assert pager == [f"http://testserver{index.url}?page=2"]
    second = soup(client, f"{index.url}?page=2")
    assert len(marked(second, "service-link")) == 1


def test_service_page_has_the_models_sections_in_order(client, full_service, taxonomy):
    """C.SI.1.3: page index, section names and order, markers with content, breadcrumb."""
    factories.service_index()
    page = soup(client, full_service.url)
    index = marked(page, "page-index")
    assert len(index) == 1
    entries = [text(link) for link in index[0].select(":scope > li > a")]
    assert [entry for entry in entries if entry in MODEL_SECTIONS] == MODEL_SECTIONS
    for element in ("service-addressed", "service-how-to", "service-needed",
                    "service-achieved", "service-calendar-text"):  # fmt: skip
        assert len(text(marked(page, element)[0])) >= 3, element
    assert marked(page, "service-booking-access") or marked(page, "service-generic-access")
    assert marked(page, "service-file")[0]["href"].endswith(".pdf")
    assert text(marked(page, "service-title")[0]) == full_service.title
    assert len(text(marked(page, "service-description")[0])) >= 3
    assert marked(page, "service-status")
    assert [text(node) for node in marked(page, "service-topic")] == ["Assistenza sociale"]
    crumbs = [
        "".join(ch for ch in text(item).lower() if ch.isascii() and (ch.isalnum() or ch == " "))
        .strip()
        for item in marked(page, "breadcrumb")[0].select("li")
    ]
    assert crumbs[crumbs.index("servizi") + 1] == "assistenza domiciliare"
    assert text(marked(page, "breadcrumb")[0].select("li")[-1]) == full_service.title


def test_contacts_are_the_providers_card_and_in_the_index(client, full_service):
    """C.SI.2.2: "Contatti" in the index and "service-area" is the office responsible."""
    page = soup(client, full_service.url)
    area = marked(page, "service-area")
    assert len(area) == 1
    assert area[0].find_parent(id="contacts") is not None
    assert "Cooperativa Sociale Girasole Immaginario" in text(area[0])


def test_section_names_are_translated(full_service):
    """Italian uses the model's names; other languages translate them (gettext)."""
    from django.template import engines
    from django.utils import translation

    template = engines["django"].from_string(
        "{% load i18n %}{% translate 'Who it is for' %}|{% translate 'How to do it' %}|"
        "{% translate 'What you need' %}|{% translate 'What you get' %}|"
        "{% translate 'Times and deadlines' %}|{% translate 'Access the service' %}|"
        "{% translate 'Conditions of service' %}|{% translate 'Contacts' %}"
    )
    with translation.override("it"):
        assert template.render().split("|") == MODEL_SECTIONS
    for language in ("en", "ar", "zh-hans", "es"):
        with translation.override(language):
            names = template.render().split("|")
        assert len(set(names)) == len(MODEL_SECTIONS)
        assert not set(names) & set(MODEL_SECTIONS), language


def _check_feedback(page):
    assert len(marked(page, "feedback")) == 1
    assert text(marked(page, "feedback-title")[0]) == FEEDBACK_TITLE
    for stars in range(1, 6):
        assert len(marked(page, f"feedback-rate-{stars}")) == 1
    positive = marked(page, "feedback-rating-positive")[0]
    negative = marked(page, "feedback-rating-negative")[0]
    for block, question, answers in (
        (positive, POSITIVE_QUESTION, POSITIVE_ANSWERS),
        (negative, NEGATIVE_QUESTION, NEGATIVE_ANSWERS),
    ):
        assert text(block.select_one('[data-element="feedback-rating-question"]')) == question
        found = {text(node) for node in block.select('[data-element="feedback-rating-answer"]')}
        assert found == answers
    assert marked(page, "feedback-input-text")


def test_feedback_has_the_models_wording_on_every_level(client, full_service, provider):
    """C.SI.2.5/2.6: the rating on home, first- and second-level and service pages."""
    index = factories.service_index()
    for url in ("/it/", index.url, f"{index.url}assistenza-domiciliare/", provider.url,
                full_service.url):  # fmt: skip
        _check_feedback(soup(client, url))


@pytest.fixture
def site_sections(full_service, provider):
    """The four sections of WeMi's menu, each with one page below it, and a guide."""
    factories.provider_index()
    factories.service_index()
    factories.make_space("Spazio WeMi Centro")
    factories.make_news("Nuovi orari degli Spazi WeMi")
    factories.make_guide("Come funziona WeMi", show_in_menus=True)


def first_level_pages(client):
    """What getFirstLevelPages (src/utils/municipality/utils.ts) collects from the home: the
    href of every element marked with one of the four menu markers (each one required) or the
    custom marker (optional)."""
    home = soup(client, "/it/")
    pages = {}
    for element in [*MENU_ITEMS, CUSTOM_MENU_ITEM]:
        links = [node["href"] for node in marked(home, element) if node.get("href") not in
                 (None, "", "#")]  # fmt: skip
        if element != CUSTOM_MENU_ITEM:
            assert links, f"the home has no [data-element={element}] link"
        pages[element] = links
    return pages


def second_level_pages(client, first):
    """What getRandomSecondLevelPagesUrl collects: on each first-level page, the links marked
    with its section's secondary marker (required for the four sections)."""
    pages = {}
    for element, secondary in MENU_ITEMS.items():
        for url in first[element]:
            links = [node["href"] for node in marked(soup(client, url), secondary)
                     if node.get("href") not in (None, "", "#")]  # fmt: skip
            assert links, f"{url} has no [data-element={secondary}] link"
            pages[secondary] = links
    return pages


def test_menu_has_the_models_four_sections(client, site_sections):
    """The validator finds the first- and second-level pages (C.SI.1.1 fonts, C.SI.1.2
    Bootstrap Italia, C.SI.2.5 feedback) only through the four menu markers: WeMi's providers,
    news, services and Spazi carry them; the guides are custom items."""
    first = first_level_pages(client)
    assert first["management"] == ["/it/enti/"]
    assert first["news"] == ["/it/notizie/"]
    assert first["all-services"] == ["/it/servizi/"]
    assert first["live"] == ["/it/spazi/"]
    assert first[CUSTOM_MENU_ITEM] == ["/it/come-funziona-wemi/"]
    menu = soup(client, "/it/").select('[data-element="main-navigation"] a')
    assert {link["data-element"] for link in menu} == {*MENU_ITEMS, CUSTOM_MENU_ITEM}
    second = second_level_pages(client, first)
    assert second["management-category-link"][0].startswith("/it/enti/")
    assert second["news-category-link"] == ["/it/notizie/nuovi-orari-degli-spazi-wemi/"]
    assert second["service-category-link"][0].startswith("/it/servizi/")
    assert second["live-button-locations"] == ["/it/spazi/spazio-wemi-centro/"]


def test_feedback_on_every_first_and_second_level_page(client, site_sections):
    """C.SI.2.5: the rating, with the model's wording, on the home and on every page the
    validator reaches through the menu (feedbackElementAudit.ts: home + first + second level)."""
    first = first_level_pages(client)
    second = second_level_pages(client, first)
    urls = ["/it/", *(u for links in first.values() for u in links),
            *(u for links in second.values() for u in links)]  # fmt: skip
    assert len(urls) >= 10
    for url in urls:
        _check_feedback(soup(client, url))


def test_footer_links(client, home_page, topic):
    """C.SI.2.4 "Segnala disservizio"; C.SI.1.5 the all-topics link."""
    factories.service_index()
    page = soup(client, "/it/")
    report = page.select_one('footer [data-element="report-inefficiency"]')
    assert text(report).lower() == "segnala disservizio"
    assert page.select_one('footer [data-element="all-topics"]')["href"] == "/it/servizi/argomenti/"


def test_legal_notes_carry_the_content_licence(client, home_page):
    """C.SI.3.4: "Licenza dei contenuti" and the model's CC-BY 4.0 text, word for word."""
    notes = factories.make_guide("Note legali", slug="note-legali")
    footer = FooterSettings.for_site(home_page.get_site())
    footer.legal_notes_page = notes
    footer.save()
    home = soup(client, "/it/")
    link = home.select_one('footer [data-element="legal-notes"]')["href"]
    page = soup(client, link)
    assert text(marked(page, "legal-notes-section")[0]).lower() == LICENCE_TITLE.lower()
    body = " ".join(node.get_text() for node in marked(page, "legal-notes-body"))
    body = " ".join(body.split()).lower().replace("'", "’")
    assert body == LICENCE_TEXT.lower()
    other = soup(client, factories.make_guide("Altra guida").url)
    assert not marked(other, "legal-notes-section")


def test_all_topics_use_the_models_vocabulary(client, full_service, topic):
    """C.SI.1.5: the topics page lists only words of the model's vocabulary; each topic's
    page lists its services."""
    index = factories.service_index()
    page = soup(client, f"{index.url}argomenti/")
    names = [text(node) for node in marked(page, "topic-element")]
    assert "Assistenza sociale" in names
    assert set(names) <= MODEL_VOCABULARY
    link = next(n["href"] for n in marked(page, "topic-element") if text(n) == "Assistenza sociale")
    listing = soup(client, link)
    assert [text(node) for node in marked(listing, "service-link")] == [full_service.title]


def test_service_json_ld_has_the_government_service_shape(client, full_service):
    """R.SI.1.1: the validator's JSON schema, and addresses on the host the reader used."""
    page = soup(client, full_service.url, HTTP_HOST="wemi.example.org")
    data = json.loads(marked(page, "metatag")[0].string)
    assert data["@type"] == "GovernmentService"
    assert shape_errors(data, METATAG_SHAPE) == []
    assert data["serviceType"] == "Assistenza alla persona"
    assert data["areaServed"]["containsPlace"] == [
        {"@type": "AdministrativeArea", "name": "Municipio 3"}
    ]
    assert data["audience"] == {"@type": "Audience", "audienceType": "Anziani"}
    location = data["availableChannel"]["serviceLocation"]
    assert location["address"]["streetAddress"] == "Via Esempio 1"
    assert data["url"] == f"http://wemi.example.org{full_service.url}"
    assert data["provider"]["url"].startswith("http://wemi.example.org/")


def test_shape_errors_reports_what_the_validator_rejects():
    """The helper itself: the old shape (lists, strings) fails where the validator failed."""
    old = {
        "name": "x",
        "serviceType": ["a"],
        "serviceOperator": {"name": "p"},
        "areaServed": "Milano",
        "audience": [{"audienceType": "a"}],
        "availableChannel": {"serviceUrl": "http://localhost/x"},
    }
    errors = shape_errors(old, METATAG_SHAPE)
    assert any(error.startswith("$.serviceType") for error in errors)
    assert any(error.startswith("$.areaServed") for error in errors)
    assert any(error.startswith("$.audience") for error in errors)
    assert any(error.startswith("$.availableChannel.serviceLocation") for error in errors)


def test_proxy_compresses_text_responses():
    """C.SI.4.1 (Lighthouse "Enable text compression"): Varnish gzips pages and JSON before
    anything else in vcl_backend_response; images and already-compressed answers are left."""
    import re
    from pathlib import Path

    from django.conf import settings

    vcl = (Path(settings.BASE_DIR) / "deploy/varnish/wemi.vcl").read_text()
    backend = vcl[vcl.index("sub vcl_backend_response") :]
    before_any_return = backend[: backend.index("return (")]
    assert "set beresp.do_gzip = true;" in before_any_return
    assert "!beresp.http.Content-Encoding" in before_any_return
    pattern = re.search(r'beresp\.http\.Content-Type ~ "([^"]+)"', before_any_return).group(1)
    for compressed in ("text/html; charset=utf-8", "application/json", "application/ld+json",
                       "text/css", "application/javascript"):  # fmt: skip
        assert re.search(pattern, compressed), compressed
    for left in ("image/png", "application/pdf", "font/woff2"):
        assert not re.search(pattern, left), left
