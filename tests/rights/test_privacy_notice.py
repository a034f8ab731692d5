"""The seeded privacy notice says what is recorded, who sees it and for how long, and the
demo translation memory translates all of it (seed_translations)."""

import re

import pytest

from content.core.demo.guides import GUIDES
from content.core.demo.translation_memory import TranslationMemory


def privacy_texts():
    guide = next(g for g in GUIDES if g["slug"] == "privacy")
    texts = [guide["title"], guide["intro"]]
    for kind, value in guide["body"]:
        if kind == "heading":
            texts.append(value["text"])
        else:
            texts += re.findall(r"<p>(.*?)</p>", value, re.S)
    return texts


def test_the_notice_says_what_is_kept_and_for_how_long():
    text = " ".join(privacy_texts())
    for words in ["Cosa registriamo", "Chi vede i tuoi dati", "Per quanto tempo", "2220",
                  "dieci anni", "indirizzo IP", "I tuoi dati", "Garante"]:
        assert words in text


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "es"])
def test_the_memory_translates_every_sentence(language):
    memory = TranslationMemory(language)
    missing = [text for text in privacy_texts() if memory(text) is None]
    assert not missing
