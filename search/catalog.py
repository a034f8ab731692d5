"""Facet values the search knows, with their names in one language.

Built with a fixed number of queries (two per taxonomy model, two for the providers, one for
the price bands) and cached per language for a few minutes; any change to needs, zones,
audiences, price bands or providers invalidates the cached catalogs (``search.signals``).
It validates the values of a query and labels facet options and hits.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from content.services.minors import ActivityKind
from content.services.models import SPOKEN_LANGUAGES

from .documents import CATALOGUE_0_18, child_ages
from .models import current_price_bands
from .query import FACETS, PRICE_FACET

FACET_LABELS = {
    "category": _("Need category"),
    "need": _("Need"),
    "zone": _("Zone"),
    PRICE_FACET: _("Price per unit"),
    "audience": _("Who it is for"),
    "language": _("Language spoken by staff"),
    "mode": _("How it is delivered"),
    "sharable": _("Sharing"),
    "provider": _("Provider"),
    "catalogue": _("Catalogue"),
    "activity": _("Activity for minors"),
    "age": _("Child's age"),
}
MODE_LABELS = {
    "home": _("At home"),
    "provider": _("At the provider's premises"),
    "online": _("Online"),
}
UNIT_LABELS = {
    "hour": _("per hour"),
    "session": _("per session"),
    "month": _("per month"),
    "package": _("per package"),
}


CACHE_SECONDS = 300
VERSION_KEY = "search-catalog-version"


def invalidate_catalogs():
    """Make every process build its catalogs afresh (immediately where the cache is shared)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


@dataclass
class Option:
    value: str
    label: str
    parent: str = ""


@dataclass
class FacetCatalog:
    options: dict = field(default_factory=dict)  # facet -> [Option]
    price_bands: list = field(default_factory=list)
    # (normalised words, zone slug): what a person may type for a zone (``recognise_zones``).
    zone_aliases: list = field(default_factory=list)

    @classmethod
    def for_language(cls, language):
        """The catalog of ``language``, from the cache when it is there."""
        key = f"search-catalog:{cache.get_or_set(VERSION_KEY, 1, None)}:{language}"
        catalog = cache.get(key)
        if catalog is None:
            with translation.override(language):
                catalog = cls.load(language)
            cache.set(key, catalog, CACHE_SECONDS)
        return catalog

    @classmethod
    def load(cls, language):
        from content.providers.models import ProviderPage
        from content.taxonomy.models import Audience, Need, Zone

        locale = Locale.objects.filter(language_code=language).first()
        needs = _localized_rows(Need, locale)
        zones = _localized_rows(Zone, locale)
        audiences = _localized_rows(Audience, locale, with_parent=False)
        providers = _localized_pages(ProviderPage, locale)
        bands = current_price_bands()
        zone_aliases = _zone_aliases(Zone, zones)
        options = {
            "category": [Option(s, n) for s, n, parent in needs if not parent],
            "need": _tree_order([Option(s, n, parent) for s, n, parent in needs if parent]),
            "zone": _tree_order([Option(s, n, parent or "") for s, n, parent in zones]),
            "audience": [Option(s, n) for s, n, _parent in audiences],
            "language": [Option(code, str(name)) for code, name in SPOKEN_LANGUAGES],
            "mode": [Option(code, str(name)) for code, name in MODE_LABELS.items()],
            "sharable": [Option("1", gettext("Can be shared with other households"))],
            "provider": [Option(slug, title) for slug, title in providers],
            "catalogue": [Option(CATALOGUE_0_18, gettext("Milano 0-18 activities"))],
            "activity": [Option(value, str(label)) for value, label in ActivityKind.choices],
            "age": [Option(str(age), age_label(age)) for age in child_ages()],
            PRICE_FACET: [Option(band.key, band.label) for band in bands],
        }
        return cls(options=options, price_bands=bands, zone_aliases=zone_aliases)

    def label(self, facet, value):
        return self.labels(facet).get(value, value)

    def labels(self, facet):
        cache = self.__dict__.setdefault("_labels", {})
        if facet not in cache:
            cache[facet] = {option.value: option.label for option in self.options[facet]}
        return cache[facet]

    def clean(self, query):
        """Drop values the search does not know. Returns ``(query, messages)``."""
        messages = []
        for facet in FACETS:
            known = self.labels(facet)
            for value in query.values(facet):
                if value not in known:
                    query = query.without(facet, value)
                    messages.append(
                        gettext(
                            "Unknown value “%(value)s” for the filter “%(filter)s” was ignored."
                        )
                        % {"value": value[:40], "filter": FACET_LABELS[facet]}
                    )
        return query, messages

    def zone_names(self, hit):
        if hit.serves_whole_city:
            return [gettext("The whole city")]
        return [self.label("zone", slug) for slug in hit.zones]

    def audience_names(self, hit):
        return [self.label("audience", slug) for slug in hit.audiences]


def age_label(age):
    """A child's age as a filter option: "under 1 year", "1 year", "8 years"."""
    if age == 0:
        return gettext("Under 1 year")
    return ngettext("%(age)d year", "%(age)d years", age) % {"age": age}


ROMAN_NUMERALS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


def _zone_aliases(model, localized_zones):
    """``[(normalised words, slug)]``: each zone's name in the reader's language and in
    Italian, and "municipio 5" / "municipio v" / "m5" for a numbered Municipio.
    Longest first, so "Porta Romana" is read before a zone called "Romana"."""
    from .documents import normalize_text

    aliases = {}
    for slug, name, _parent in localized_zones:
        aliases.setdefault(normalize_text(name), slug)
    for slug, name, number in model.objects.in_default_locale().values_list(
        "slug", "name", "number"
    ):
        aliases.setdefault(normalize_text(name), slug)
        if number:
            for word in [str(number), *ROMAN_NUMERALS[number - 1 : number]]:
                aliases.setdefault(f"municipio {word}", slug)
            aliases.setdefault(f"m{number}", slug)
    return sorted(
        ((words, slug) for words, slug in aliases.items() if words),
        key=lambda item: (-len(item[0]), item[0]),
    )


def _tree_order(options):
    """Options grouped by parent: each root (or parent value) followed by its children."""
    by_parent = {}
    for option in options:
        by_parent.setdefault(option.parent, []).append(option)
    values = {option.value for option in options}
    ordered = []
    for option in options:
        if not option.parent:
            ordered.append(option)
            ordered.extend(by_parent.get(option.value, []))
    for parent, children in by_parent.items():
        if parent and parent not in values:
            ordered.extend(children)
    return ordered


def _localized_rows(model, locale, with_parent=True):
    """``(slug, name, parent slug)`` of default-language rows, named in ``locale``."""
    fields = ["translation_key", "slug", "name"] + (["parent__slug"] if with_parent else [])
    rows = model.objects.in_default_locale().values_list(*fields)
    names = {}
    if locale is not None:
        names = dict(model.objects.filter(locale=locale).values_list("translation_key", "name"))
    return [
        (slug, names.get(key, name), parent[0] if parent else None)
        for key, slug, name, *parent in rows
    ]


def _localized_pages(model, locale):
    """``(Italian slug, title in locale)`` of live public pages of this model (a private
    provider is no filter option)."""
    rows = list(
        model.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .order_by("title")
        .values_list("translation_key", "slug", "title")
    )
    titles = {}
    if locale is not None:
        titles = dict(
            model.objects.live().filter(locale=locale).values_list("translation_key", "title")
        )
    return [(slug, titles.get(key, title)) for key, slug, title in rows]
