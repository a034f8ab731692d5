"""The demo texts describe only what WeMi does (issue 13): no sharing groups, no vouchers or
company welfare credit to pay with, no online card payment; paying the provider directly,
which the provider records, and ordering for a relative are what works."""

import json
from pathlib import Path

import pytest
import yaml

from content.core.demo import guides, texts

NOT_OFFERED = [
    "credito welfare",
    "welfare aziendale",
    "creare un gruppo",
    "unirti a uno",
    "si divide tra",
    "pagare online",
    "da spendere sui servizi",
    "usare il voucher",
    "voucher digitali del comune per",
]


def all_strings(value):
    """Every string inside nested lists, tuples and dicts."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from all_strings(item)


def demo_texts():
    sources = [getattr(texts, name) for name in dir(texts) if name.isupper()]
    return [text for text in all_strings([guides.GUIDES, sources])]


@pytest.mark.parametrize("phrase", NOT_OFFERED)
def test_demo_texts_announce_nothing_wemi_does_not_do(phrase):
    offending = [text for text in demo_texts() if phrase in text.lower()]
    assert offending == []


def test_vouchers_are_described_as_not_usable_on_wemi_yet():
    mentions = [text for text in demo_texts() if "voucher" in text.lower()]
    body = " ".join(mentions)
    assert "non si può ancora usare per pagare i servizi prenotati su WeMi" in body


def test_the_faq_explains_paying_the_provider_and_ordering_for_a_relative():
    body = json.dumps(guides.GUIDES, ensure_ascii=False)
    assert "Come pago un servizio?" in body
    assert "Posso ordinare un servizio per un familiare?" in body


@pytest.mark.parametrize(
    ("name", "italian"),
    [
        ("pages.yaml", "Come pago un servizio?"),
        ("pages.yaml", "Posso ordinare un servizio per un familiare?"),
        ("services.yaml", "Come pago il servizio?"),
        (
            "services.yaml",
            "Il prezzo indicato vale per ogni unità dell'offerta: ora, seduta o settimana.",
        ),
    ],
)
def test_the_new_texts_are_translated(name, italian):
    path = Path(guides.__file__).parent / "translations" / name
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    [entry] = [entry for entry in entries if entry["it"] == italian]
    assert set(entry) == {"it", "en", "ar", "zh-hans", "es"}
    assert all(entry.values())
    for entry in entries:
        for phrase in NOT_OFFERED:
            assert phrase not in entry["it"].lower()
