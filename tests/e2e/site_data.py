"""A small but complete site for browser tests: one page of every type, in every language.

Live-server tests flush the tables (taxonomy, Site, Locales, Oscar's product class...), so
each test builds it again with the shared factories.
"""

from dataclasses import dataclass

from django.conf import settings

from content import factories
from content.core.languages import synchronise_language_trees
from content.core.site_tree import ensure_site_tree
from content.feedback.models import FooterSettings
from marketplace import factories as shop_factories
from marketplace.defaults import ensure_all as ensure_marketplace_defaults

CITIZEN_EMAIL = "giulia.rossi@wemi.example"
CITIZEN_PASSWORD = "wemi-cittadina-2026"
SEARCH_WORD = "badante"


@dataclass
class SiteData:
    pages: dict
    category_slug: str
    need_slug: str
    zone: object = None
    offer: object = None
    citizen: object = None

    def url(self, name, language):
        """The address of a page in ``language`` (its translation or its alias)."""
        from wagtail.models import Locale

        page = self.pages[name]
        if language == settings.LANGUAGE_CODE:
            return page.url
        translation = page.get_translation_or_none(Locale.objects.get(language_code=language))
        return (translation or page).url


def home_care_service(accredited=False):
    """One provider's home-care service for the elderly in Municipio 3, for purchase tests.

    Returns ``(provider, service, quartiere)``: the service serves the whole Municipio, and
    ``quartiere`` (Città Studi) lies in it. Rebuilds what a live-server flush removed first
    (the root collection, the marketplace defaults)."""
    from wagtail.models import Collection

    from content.taxonomy.models import Zone

    if Collection.get_first_root_node() is None:  # flushed by an earlier live-server test
        Collection.add_root(name="Root")
    ensure_marketplace_defaults()
    municipio = factories.make_zone("Municipio 3", number=3)
    quartiere = factories.make_zone("Città Studi", kind=Zone.Kind.QUARTIERE, parent=municipio)
    provider = factories.make_provider("Cooperativa Sociale Girasole", municipio=municipio)
    service = factories.make_service(
        provider,
        "Assistenza domiciliare anziani",
        needs=[factories.make_need("Assistenza alla persona", parent=factories.make_need("Cura"))],
        zones=[municipio],
        audiences=[factories.make_audience("Anziani")],
        accredited=accredited,
        at_home=True,
    )
    return provider, service, quartiere


def build_site():
    home = ensure_site_tree()
    category = factories.make_need("Assistenza domiciliare", slug="assistenza-domiciliare")
    need = factories.make_need(
        "Assistenza alla persona", parent=category, slug="assistenza-persona"
    )
    zone = factories.make_zone("Municipio 3", number=3)
    audience = factories.make_audience("Anziani")
    provider = factories.make_provider("Cooperativa Sociale Girasole", municipio=zone)
    service_index = factories.service_index()
    service = factories.make_service(
        provider,
        "Badante a ore",
        needs=[need],
        zones=[zone],
        audiences=[audience],
        languages=("it", "ar"),
        topics=[factories.make_topic("Assistenza sociale", slug="assistenza-sociale")],
        at_home=True,
        accredited=True,
        summary="Una badante a ore per le persone anziane, a casa loro.",
        costs="<p>Tariffa accreditata del Comune.</p>",
    )
    space = factories.make_space("Spazio WeMi Capuana", municipio=zone, address="Via Capuana 3")
    news = factories.make_news("Nuovi voucher per le famiglie")
    guides = {
        slug: factories.make_guide(title, slug=slug, intro=f"{title} del portale WeMi.")
        for slug, title in [
            ("dichiarazione-accessibilita", "Dichiarazione di accessibilità"),
            ("privacy", "Informativa privacy"),
            ("faq", "Domande frequenti"),
            ("note-legali", "Note legali"),
        ]
    }
    footer = FooterSettings.for_site(home.get_site())
    footer.accessibility_page = guides["dichiarazione-accessibilita"]
    footer.privacy_page = guides["privacy"]
    footer.faq_page = guides["faq"]
    footer.legal_notes_page = guides["note-legali"]
    footer.contact_email = "wemi@comune.milano.example"
    footer.contact_phone = "02 0202"
    footer.save()
    synchronise_language_trees()

    data = SiteData(
        pages={
            "home": home,
            "guide": guides["dichiarazione-accessibilita"],
            "provider": provider,
            "service": service,
            "space": space,
            "news_index": factories.news_index(),
            "news": news,
            "service_index": service_index,
        },
        category_slug=category.slug,
        need_slug=need.slug,
        zone=zone,
    )
    ensure_marketplace_defaults()
    data.offer = shop_factories.make_offer(service, price="18.50", unit="hour")
    data.citizen = shop_factories.make_citizen(
        email=CITIZEN_EMAIL, password=CITIZEN_PASSWORD, first_name="Giulia", last_name="Rossi"
    )
    return data
