"""What gets indexed: one ``ServiceDocument`` per live service page per locale.

Words (title, summary, description) come from each locale's own page (alias pages carry the
Italian words); facts come from the Italian source page, so every translation has the same
facets; the price comes from the service's Oscar offers. Documents are plain data, built in
bulk with a fixed number of queries per batch, and indexed by whichever engine is active.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.html import strip_tags
from oscar.core.loading import get_model
from wagtail.models import Locale

WHOLE_CITY = "*"
# A service that states no ages carries the single ``age:*`` term: every age filter accepts
# it, as every zone filter accepts a service for the whole city (``age_matches``: an empty
# bound is open).
ANY_AGE = "*"
# Term facets whose ``*`` value every filter of the facet also accepts.
WILDCARD_FACETS = {"zone": WHOLE_CITY, "age": ANY_AGE}
# The catalogue facet's one value: the "Milano 0-18" catalogue (``in_catalogue_0_18``).
CATALOGUE_0_18 = "0-18"

# Facets whose values are indexed as terms (the price band is a range over ``price_from``).
TERM_FACETS = (
    "category",
    "need",
    "zone",
    "audience",
    "language",
    "mode",
    "sharable",
    "provider",
    "catalogue",
    "activity",
    "age",
)


def child_ages():
    """The ages (whole years) a family can filter by: a minor's, 0 to 17."""
    from content.services.minors import MINORS_MAX_AGE

    return range(MINORS_MAX_AGE)


def age_terms(age_from, age_to):
    """Age values of a service, so that filtering by a child's age is a plain term match.

    Each child's age the service is for (``age_matches``: ``age_from <= age <= age_to``, an
    empty bound open), or ``*`` for a service that states no ages at all.
    """
    if age_from is None and age_to is None:
        return [ANY_AGE]
    low = 0 if age_from is None else age_from
    return [str(age) for age in child_ages() if low <= age and (age_to is None or age <= age_to)]


# Arabic letters written in more than one way, read as one: taa marbuta as haa, alef maksura
# as yaa (alef with hamza or madda, waw and yaa with hamza lose the hamza, a combining mark
# after NFKD decomposition, as the diacritics do), and the tatweel (kashida) dropped.
# The same folding as Lucene's ArabicNormalizer, which Elasticsearch's arabic analyzer runs.
_ARABIC_FOLDING = str.maketrans({"\u0629": "\u0647", "\u0649": "\u064a", "\u0640": None})


def normalize_arabic(text):
    """Arabic text with one spelling per word: no diacritics (harakat, shadda, superscript
    alef), no tatweel, bare alef for أ إ آ ٱ, و for ؤ, ي for ئ and ى, ه for ة.

    Other scripts are returned unchanged. Applied to indexed words and query words alike.
    """
    if not text or not any("\u0600" <= char <= "\u06ff" for char in text):
        return text or ""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        char
        for char in decomposed
        if not (unicodedata.combining(char) and "\u0610" <= char <= "\u06ff")
    )
    # NFKD leaves the wasla form alone: alef wasla (ٱ) is one code point.
    return unicodedata.normalize("NFC", kept.translate(_ARABIC_FOLDING)).replace("\u0671", "\u0627")


def normalize_text(text):
    """Lower-case, accent-free text with collapsed spaces (SQLite full text, substring matching).

    Arabic is folded as ``normalize_arabic`` does.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = stripped.translate(_ARABIC_FOLDING).replace("\u0671", "\u0627")
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


@dataclass
class ZoneTree:
    """Municipio > quartiere, by Italian slug."""

    parent_of: dict = field(default_factory=dict)

    @classmethod
    def load(cls):
        from content.taxonomy.models import Zone

        rows = Zone.objects.in_default_locale().values_list("slug", "parent__slug")
        return cls(parent_of={slug: parent for slug, parent in rows})

    def children_of(self, slug):
        return [child for child, parent in self.parent_of.items() if parent == slug]


def expand_zones(zones, serves_whole_city, tree):
    """Zone terms of a service, so that filtering by one zone is a plain term match.

    A service serving a quartiere is found under it and under its Municipio; a service
    serving a Municipio is found under it and under each of its quartieri; a service for
    the whole city carries the single ``*`` term, which every zone filter also accepts.
    """
    if serves_whole_city:
        return [WHOLE_CITY]
    expanded = set()
    for slug in zones:
        expanded.add(slug)
        parent = tree.parent_of.get(slug)
        if parent:
            expanded.add(parent)
        expanded.update(tree.children_of(slug))
    return sorted(expanded)


@dataclass
class ServiceDocument:
    page_id: int
    translation_key: str
    language: str
    title: str
    summary: str
    body: str
    url: str
    provider: str
    provider_title: str
    categories: list
    needs: list
    zones: list
    serves_whole_city: bool
    zone_terms: list
    audiences: list
    languages: list
    modes: list
    sharable: bool
    price_from: Decimal | None = None
    price_unit: str = ""
    # Names of the service's needs (and their categories), zones and audiences, in the
    # document's language and in Italian, so that "جليسة أطفال" finds the babysitters.
    topics: str = ""
    # The same split by how the offers are priced (``service_prices``): the lowest full
    # Comune tariff of accredited offers, and the lowest price of market or free offers.
    tariff_from: Decimal | None = None
    tariff_unit: str = ""
    market_from: Decimal | None = None
    market_unit: str = ""
    # The "Milano 0-18" catalogue (``content.services.minors``): ages in whole years (empty:
    # open), the kind of activity for minors, and whether it is in the catalogue.
    age_from: int | None = None
    age_to: int | None = None
    activity_kind: str = ""
    in_catalogue_0_18: bool = False

    def price_parts(self):
        """``(tariff_from, tariff_unit, market_from, market_unit)`` as the engines index them.

        A document built with only ``price_from`` (no split known) is priced as a market offer.
        """
        if self.tariff_from is None and self.market_from is None:
            return None, "", self.price_from, self.price_unit
        return self.tariff_from, self.tariff_unit, self.market_from, self.market_unit

    def facet_values(self):
        """Values per term facet, as filters and counts see them."""
        return {
            "category": self.categories,
            "need": self.needs,
            "zone": self.zone_terms,
            "audience": self.audiences,
            "language": self.languages,
            "mode": self.modes,
            "sharable": ["1"] if self.sharable else [],
            "provider": [self.provider] if self.provider else [],
            "catalogue": [CATALOGUE_0_18] if self.in_catalogue_0_18 else [],
            "activity": [self.activity_kind] if self.activity_kind else [],
            "age": age_terms(self.age_from, self.age_to),
        }

    def terms(self):
        return [
            f"{facet}:{value}" for facet, values in self.facet_values().items() for value in values
        ]

    @property
    def search_text(self):
        """Every word of the document as searches match them (``search.words.indexed_words``)."""
        from .words import indexed_words

        return indexed_words(
            " ".join([self.title, self.summary, self.body, self.provider_title, self.topics])
        )


def _plain_text(html):
    return re.sub(r"\s+", " ", strip_tags(html or "")).strip()


def service_prices(translation_keys):
    """``{service key: {kind: (lowest full unit price, unit)}}`` from the services' public offers.

    ``kind`` is "all" (what the price facet and anonymous visitors see), "accredited" (the
    lowest Comune tariff, of which a household pays its ISEE band's share) and "market"
    (market and free offers, the same price for everyone). A free offer costs 0; otherwise a
    price is the lowest stock record price per unit. Services without a priced offer are absent.
    """
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    keys = [str(key) for key in translation_keys]
    prices = {}

    def offer(key, kind, price, unit):
        for slot in ("all", "accredited" if kind == Product.PricingKind.ACCREDITED else "market"):
            current = prices.setdefault(key, {}).get(slot)
            if current is None or price < current[0]:
                prices[key][slot] = (price, unit)

    for key in Product.objects.filter(
        service_key__in=keys, is_public=True, pricing_kind=Product.PricingKind.FREE
    ).values_list("service_key", flat=True):
        offer(str(key), Product.PricingKind.FREE, Decimal("0"), "")
    records = (
        StockRecord.objects.filter(
            product__service_key__in=keys, product__is_public=True, price__isnull=False
        )
        .exclude(product__pricing_kind=Product.PricingKind.FREE)
        .values_list("product__service_key", "product__pricing_kind", "price", "unit")
    )
    for key, kind, price, unit in records:
        offer(str(key), kind, price, unit)
    return prices


def build_documents(translation_keys=None):
    """Documents for the live, public service pages (all of them, or those with these keys)."""
    from content.providers.models import ProviderPage
    from content.services.minors import in_catalogue_0_18
    from content.services.models import ServicePage
    from content.taxonomy.models import Need, Zone

    pages = ServicePage.objects.live().public().select_related("locale")
    if translation_keys is not None:
        pages = pages.filter(translation_key__in=list(translation_keys))
    pages = list(pages.order_by("pk"))
    if not pages:
        return []
    default_locale = Locale.get_default()
    keys = {page.translation_key for page in pages}
    sources = {
        source.translation_key: source
        for source in ServicePage.objects.filter(
            translation_key__in=keys, locale=default_locale
        ).prefetch_related(
            Prefetch("needs", queryset=Need.objects.select_related("parent")),
            Prefetch("zones", queryset=Zone.objects.select_related("parent")),
            "audiences",
            "languages",
        )
    }
    step = ServicePage.steplen
    provider_paths = {page.path[:-step] for page in pages} | {
        source.path[:-step] for source in sources.values()
    }
    providers = {
        provider.path: provider
        for provider in ProviderPage.objects.filter(path__in=provider_paths).select_related(
            "locale"
        )
    }
    italian_providers = {
        provider.translation_key: provider
        for provider in ProviderPage.objects.filter(
            translation_key__in={p.translation_key for p in providers.values()},
            locale=default_locale,
        )
    }
    prices = service_prices(keys)
    tree = ZoneTree.load()
    names = TaxonomyNames.load()
    documents = []
    for page in pages:
        source = sources.get(page.translation_key, page)
        provider = providers.get(page.path[:-step])
        source_provider = italian_providers.get(provider.translation_key) if provider else None
        needs = list(source.needs.all())
        zone_rows = list(source.zones.all())
        zones = [zone.slug for zone in zone_rows]
        audience_rows = list(source.audiences.all())
        price = prices.get(str(page.translation_key), {})
        tariff, market = price.get("accredited"), price.get("market")
        documents.append(
            ServiceDocument(
                page_id=page.pk,
                translation_key=str(page.translation_key),
                language=page.locale.language_code,
                title=page.title,
                summary=page.summary,
                body=_plain_text(page.description),
                url=page.get_url() or page.url_path,
                provider=(source_provider or provider).slug if provider else "",
                provider_title=provider.title if provider else "",
                categories=sorted({need.parent.slug for need in needs if need.parent_id}),
                needs=sorted(need.slug for need in needs),
                zones=sorted(zones),
                serves_whole_city=source.serves_whole_city,
                zone_terms=expand_zones(zones, source.serves_whole_city, tree),
                audiences=sorted(audience.slug for audience in source.audiences.all()),
                languages=sorted({row.code for row in source.languages.all()}),
                modes=[
                    code
                    for code, enabled in (
                        ("home", source.at_home),
                        ("provider", source.at_provider),
                        ("online", source.online),
                    )
                    if enabled
                ],
                sharable=source.sharable,
                price_from=price["all"][0] if price else None,
                price_unit=price["all"][1] if price else "",
                tariff_from=tariff[0] if tariff else None,
                tariff_unit=tariff[1] if tariff else "",
                market_from=market[0] if market else None,
                market_unit=market[1] if market else "",
                age_from=source.age_from,
                age_to=source.age_to,
                activity_kind=source.activity_kind,
                in_catalogue_0_18=in_catalogue_0_18(source),
                topics=names.topics(
                    [*needs, *(need.parent for need in needs if need.parent_id)],
                    [*zone_rows, *(zone.parent for zone in zone_rows if zone.parent_id)],
                    audience_rows,
                    page.locale.language_code,
                ),
            )
        )
    return documents


@dataclass
class TaxonomyNames:
    """Names of every need, zone and audience in every language, by translation key."""

    names: dict = field(default_factory=dict)  # (translation key, language) -> name
    default_language: str = "it"

    @classmethod
    def load(cls):
        from content.taxonomy.models import Audience, Need, Zone

        names = {}
        for model in (Need, Zone, Audience):
            rows = model.objects.values_list("translation_key", "locale__language_code", "name")
            for key, language, name in rows:
                names[(key, language)] = name
        return cls(names=names, default_language=Locale.get_default().language_code)

    def topics(self, needs, zones, audiences, language):
        """The names of these terms in ``language`` and in Italian, once each, as one text."""
        words = []
        for term in [*needs, *zones, *audiences]:
            for code in dict.fromkeys((language, self.default_language)):
                name = self.names.get((term.translation_key, code))
                if name and name not in words:
                    words.append(name)
        return " ".join(words)
