"""The words of a search, as every engine matches them (docs/decisions/0017).

Typed text and indexed text go through the same steps, so that a search finds what the bare
word finds whatever is glued to it:

- **Elision** (Italian): an article or preposition cut before a vowel and joined by an
  apostrophe is not a word of its own: ``dell'anziano`` and ``all’assistenza`` (typographic
  apostrophe) are ``anziano`` and ``assistenza``. The list is Lucene's ``ItalianAnalyzer``
  one, which Elasticsearch's ``italian`` analyzer strips with its ``elision`` filter.
  Italian words appear in every locale (alias pages carry the Italian text), so elisions are
  taken off whatever the locale.
- **Clitics** (English): ``children's`` is ``children``, ``don't`` is ``don`` (as the
  ``english_possessive_stemmer``); any other apostrophe separates two words (``o'clock``).
- **Arabic definite article**: ``ال`` and its forms with a preposition or conjunction
  (``وال``, ``بال``, ``كال``, ``فال``, ``لل``) are taken off a word that keeps at least two
  letters (``المسنين`` is ``مسنين``), as Lucene's Arabic light stemmer does.
- Chinese is not split into words by any of the databases: a Chinese run stays one "word",
  matched as a substring (one character finds every word containing it).

Spanish has no elision with an apostrophe (``del``, ``al`` are words, and stop words).

**Stop words** of a search are dropped (unless nothing else is left): "servizi per gli
anziani" searches "servizi anziani", "cuidado del mayor" "cuidado mayor". The lists
(``search/stopwords/``) are PostgreSQL's (the Snowball lists, which Elasticsearch's italian
and spanish analyzers also use), so the three engines drop the same words.
"""

import re
from functools import cache
from pathlib import Path

from .documents import normalize_text
from .sanitize import clean_search_text

# Lucene's ItalianAnalyzer.DEFAULT_ARTICLES (Elasticsearch's ``italian`` analyzer).
ITALIAN_ELISIONS = frozenset(
    "c l all dall dell nell sull coll pell gl agl dagl degl negl sugl un m t s v d".split()
)
ENGLISH_CLITICS = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4\u2032"
_APOSTROPHE = re.compile(f"[{re.escape(APOSTROPHES)}]")
# Longest first: "وال" before "ال".
ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
MIN_ARABIC_STEM = 2
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
STOP_WORD_LISTS = {"it": "italian", "es": "spanish", "en": "english"}


@cache
def stop_words(language):
    """The normalised stop words of a content language (empty for those without a list)."""
    name = STOP_WORD_LISTS.get(language)
    if name is None:
        return frozenset()
    path = Path(__file__).with_name("stopwords") / f"{name}.txt"
    return frozenset(normalize_text(line) for line in path.read_text().split() if line)


def strip_arabic_article(word):
    """``word`` without a leading Arabic definite article, if at least two letters remain."""
    for article in ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= MIN_ARABIC_STEM:
            return word[len(article) :]
    return word


_ARABIC_RUN = re.compile("[\u0621-\u064a]+")


def strip_arabic_articles(text):
    """Every Arabic word of ``text`` without its definite article (other text unchanged)."""
    return _ARABIC_RUN.sub(lambda match: strip_arabic_article(match.group()), text or "")


def word_parts(word):
    """The words in one normalised, space-free ``word`` (see the module docstring).

    ``word_parts("dell'anziano") == ["anziano"]``; ``word_parts("children's") == ["children"]``;
    ``word_parts("o'clock") == ["o", "clock"]``; ``word_parts("المسنين") == ["مسنين"]``.
    """
    parts = [part for part in _APOSTROPHE.split(word) if part]
    while len(parts) > 1 and parts[0] in ITALIAN_ELISIONS:
        parts.pop(0)
    while len(parts) > 1 and parts[-1] in ENGLISH_CLITICS:
        parts.pop()
    return [strip_arabic_articles(part) for part in parts]


def search_words(text, language=None):
    """The words of a search box's text, normalised (``normalize_text``), in typed order,
    without the stop words of ``language`` (unless they are all there is).

    Control characters and query syntax are removed first (``clean_search_text``).
    Words without a letter or digit (``-``, ``:``) are left out: no engine can match them.
    """
    words = []
    for word in normalize_text(clean_search_text(text)).split():
        words.extend(part for part in word_parts(word) if _LETTER_OR_DIGIT.search(part))
    stop = stop_words(language)
    return [word for word in words if word not in stop] or words


def indexed_words(text):
    """Indexed text with the same steps as ``search_words`` (for the database engines)."""
    return " ".join(" ".join(word_parts(word)) for word in normalize_text(text).split())
