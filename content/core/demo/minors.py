"""The demo's "Milano 0-18" catalogue: activities for minors, in the five languages.

Each kind of activity is offered by three providers in three Municipi (48 activities), some
free and some paid. Every text is in ``minors.yaml``, in Italian with its translations, so
that the seed step can translate the pages through wagtail-localize
(``content.core.translations``) without the translation memory: ``Activity.texts()`` gives,
per field, ``{language: text}``.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

LANGUAGES = ("it", "en", "ar", "zh-hans", "es")

DATA = yaml.safe_load(Path(__file__).with_name("minors.yaml").read_text(encoding="utf-8"))
MUNICIPIO = DATA["municipio"]
# (slug, kind, age_from, age_to, need slug, {language: title}, {language: summary})
KINDS = [
    (kind["slug"], kind["kind"], kind["age_from"], kind["age_to"], kind["need"],
     kind["titles"], kind["summaries"])
    for kind in DATA["kinds"]
]
# Who offers each activity, in turn.
PROVIDERS = DATA["providers"]
# Shared sentences: {a}, {b} the ages, {m} the Municipio, in the reader's language.
AGES = DATA["ages"]
DESCRIPTION = DATA["description"]
HOW_TO_ACCESS = DATA["how_to_access"]
COSTS_FREE = DATA["costs_free"]
COSTS_PAID = DATA["costs_paid"]


@dataclass
class Activity:
    slug: str
    kind: str
    age_from: int
    age_to: int
    need: str
    titles: dict
    summaries: dict
    provider: str
    municipio: int
    price: str  # "0.00": free

    @property
    def free(self):
        return self.price == "0.00"

    def title(self, language):
        municipio = MUNICIPIO[language].format(n=self.municipio)
        return f"{self.titles[language]} ({municipio})"

    def texts(self):
        """``{field: {language: text}}`` of the page's words (rich text as one paragraph)."""
        def each(pattern, **values):
            return {code: pattern[code].format(**values) for code in LANGUAGES}

        municipio = {code: MUNICIPIO[code].format(n=self.municipio) for code in LANGUAGES}
        return {
            "title": {code: self.title(code) for code in LANGUAGES},
            "summary": dict(self.summaries),
            "description": {
                code: DESCRIPTION[code].format(m=municipio[code]) for code in LANGUAGES
            },
            "audience_description": each(AGES, a=self.age_from, b=self.age_to),
            "how_to_access": dict(HOW_TO_ACCESS),
            "costs": dict(COSTS_FREE if self.free else COSTS_PAID),
        }


def activities():
    """The 48 demo activities: each kind three times, from different providers and
    Municipi; one in three free, the others 8 to 30 EUR a session or month."""
    result = []
    for number, (slug, kind, age_from, age_to, need, titles, summaries) in enumerate(KINDS):
        for variant in range(3):
            position = number * 3 + variant
            free = (number + variant) % 3 == 0
            price = "0.00" if free else f"{8 + (position * 7) % 23}.00"
            result.append(
                Activity(
                    slug=slug,
                    kind=kind,
                    age_from=age_from,
                    age_to=age_to,
                    need=need,
                    titles=titles,
                    summaries=summaries,
                    provider=PROVIDERS[position % len(PROVIDERS)],
                    municipio=position % 9 + 1,
                    price=price,
                )
            )
    return result
