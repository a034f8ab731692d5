"""A seeded synthetic set of search documents and a brute-force search over it.

The brute force re-states the search's semantics from the raw facts (not from the indexed
terms), so the contract tests check the engines against the rules, not against themselves.
"""

import random
import uuid
from decimal import Decimal
from types import SimpleNamespace

from content.services.minors import ActivityKind, age_matches, age_range_errors
from search.documents import ServiceDocument, ZoneTree, expand_zones

WORDS = ["giardino", "musica", "cucina", "trasporto", "lettura", "piscina"]
TREE = ZoneTree(
    parent_of={
        "municipio-1": None,
        "municipio-2": None,
        "municipio-3": None,
        "brera": "municipio-1",
        "duomo": "municipio-1",
        "lambrate": "municipio-3",
        "citta-studi": "municipio-3",
        "isola": "municipio-2",
    }
)
NEEDS = {
    "badanti": "anziani-casa",
    "pasti": "anziani-casa",
    "doposcuola": "minori",
    "nido": "minori",
}
AUDIENCES = ["anziani", "famiglie", "disabili"]
LANGUAGES = ["it", "en", "ar", "zh"]
MODES = ["home", "provider", "online"]
PROVIDERS = ["coop-alfa", "coop-beta", "aps-gamma"]
PRICES = [
    None,
    Decimal("0"),
    Decimal("5"),
    Decimal("10"),
    Decimal("10.01"),
    Decimal("20"),
    Decimal("27.50"),
    Decimal("35"),
    Decimal("35.01"),
    Decimal("60"),
]
UNIVERSE = {
    "category": sorted(set(NEEDS.values())),
    "need": sorted(NEEDS),
    "zone": sorted(TREE.parent_of),
    "audience": AUDIENCES,
    "language": LANGUAGES,
    "mode": MODES,
    "sharable": ["1"],
    "provider": PROVIDERS,
    "catalogue": ["0-18"],
    "activity": ActivityKind.values,
    "age": [str(age) for age in range(18)],
}


def make_documents(seed=7, count=70, languages=("it", "en")):
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        needs = sorted(rng.sample(sorted(NEEDS), rng.randint(1, 2)))
        whole_city = rng.random() < 0.15
        zones = [] if whole_city else sorted(rng.sample(sorted(TREE.parent_of), rng.randint(0, 2)))
        words = rng.sample(WORDS, 2)
        title = f"servizio{number:03d} {words[0]}"
        documents.append(
            ServiceDocument(
                page_id=900000 + number,
                translation_key=str(uuid.UUID(int=rng.getrandbits(128))),
                language=languages[number % len(languages)],
                title=title,
                summary=f"Un servizio di {words[1]} a Milano.",
                body="Descrizione del servizio.",
                url=f"/it/servizi/{number}/",
                provider=rng.choice(PROVIDERS),
                provider_title="Cooperativa",
                categories=sorted({NEEDS[need] for need in needs}),
                needs=needs,
                zones=zones,
                serves_whole_city=whole_city,
                zone_terms=expand_zones(zones, whole_city, TREE),
                audiences=sorted(rng.sample(AUDIENCES, rng.randint(1, 2))),
                languages=sorted(rng.sample(LANGUAGES, rng.randint(1, 2))),
                modes=sorted(rng.sample(MODES, rng.randint(1, 2))),
                sharable=rng.random() < 0.4,
                **_prices(rng),
                **_ages(rng),
            )
        )
    return documents


def _ages(rng):
    """Ages (either bound open, adult ranges too) and, for some, an activity for minors."""
    while True:
        age_from = rng.choice([None, 0, 3, 6, 11, 14, 17, 18, 65])
        age_to = rng.choice([None, 2, 5, 10, 13, 17, 18, 99])
        kind = rng.choice(ActivityKind.values) if rng.random() < 0.5 else ""
        if not age_range_errors(age_from, age_to, kind):
            break
    return {
        "age_from": age_from,
        "age_to": age_to,
        "activity_kind": kind,
        # An activity for minors with ages a minor has (``in_catalogue_0_18``).
        "in_catalogue_0_18": bool(kind) and (age_from or 0) < 18,
    }


def _prices(rng):
    """Full prices split by kind: a tariff (accredited), a market price, both, or neither."""
    tariff = rng.choice(PRICES) if rng.random() < 0.5 else None
    market = rng.choice(PRICES) if rng.random() < 0.6 else None
    present = [price for price in (tariff, market) if price is not None]
    return {
        "price_from": min(present) if present else None,
        "price_unit": "hour" if present else "",
        "tariff_from": tariff,
        "tariff_unit": "hour" if tariff is not None else "",
        "market_from": market,
        "market_unit": "session" if market is not None else "",
    }


def household_price(document, share_percent):
    """What a household paying ``share_percent`` % pays per unit (the rules function)."""
    from marketplace.pricing.rules import lowest_price_for_share

    tariff, _unit, market, _unit = document.price_parts()
    lowest = lowest_price_for_share(tariff, market, share_percent)
    return None if lowest is None else lowest[0]


def zone_matches(document, zone):
    if document.serves_whole_city or zone in document.zones:
        return True
    parent = TREE.parent_of.get(zone)
    if parent and parent in document.zones:
        return True
    return any(TREE.parent_of.get(served) == zone for served in document.zones)


def value_matches(document, facet, value, bands):
    if facet == "zone":
        return zone_matches(document, value)
    if facet == "age":
        # The rules' own function, on the document's raw ages.
        return age_matches(SimpleNamespace(age_from=document.age_from, age_to=document.age_to),
                           int(value))
    if facet == "price":
        return any(band.key == value and band.contains(document.price_from) for band in bands)
    raw = {
        "category": document.categories,
        "need": document.needs,
        "audience": document.audiences,
        "language": document.languages,
        "mode": document.modes,
        "sharable": ["1"] if document.sharable else [],
        "provider": [document.provider],
        "catalogue": ["0-18"] if document.in_catalogue_0_18 else [],
        "activity": [document.activity_kind] if document.activity_kind else [],
    }[facet]
    return value in raw


def brute_force(documents, query, bands, without=None):
    """Documents matching the query (optionally ignoring one facet)."""
    matched = []
    for document in documents:
        if document.language != query.language:
            continue
        if query.text:
            words = f"{document.title} {document.summary} {document.body}".lower().split()
            if not all(word in words for word in query.text.lower().split()):
                continue
        if all(
            any(value_matches(document, facet, value, bands) for value in values)
            for facet, values in query.filters.items()
            if facet != without
        ):
            matched.append(document)
    return matched
