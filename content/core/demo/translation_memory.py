"""A translation memory for the demo's Italian text, read from ``translations/*.yaml``.

Each entry gives an Italian text and its translations (``en``, ``ar``, ``zh-hans``, ``es``).
Italian texts with ``{placeholders}`` are sentence patterns, as the demo seeder fills them in
(``{servizio}``: a service's title, ``{ente}``: a provider's name, ``{municipio}``: a
Municipio...): the memory recognises the filled-in sentence, translates the values it knows
(service titles, zone names) and keeps the others (proper names). Title qualifiers
(``qualifiers.yaml``) are patterns over ``{need}``, so word order can change per language.
"""

import re
from pathlib import Path

import yaml
from django.utils.text import slugify

DATA_DIR = Path(__file__).with_name("translations")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Values of these placeholders are proper names: they stay as they are in every language.
PROPER_NAMES = {"ente", "anno", "numero", "nome"}


def load_entries(data_dir=DATA_DIR):
    entries = []
    for path in sorted(Path(data_dir).glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            entry["_file"] = path.stem
            entries.append(entry)
    return entries


def _pattern(source):
    """A regex matching ``source`` with its placeholders filled in."""
    parts, position = [], 0
    for match in PLACEHOLDER.finditer(source):
        parts.append(re.escape(source[position : match.start()]))
        parts.append(f"(?P<{match.group(1)}>.+?)")
        position = match.end()
    parts.append(re.escape(source[position:]))
    return re.compile("^" + "".join(parts) + "$", re.S)


class TranslationMemory:
    """Translations of the demo's Italian text into one language."""

    def __init__(self, language, entries=None):
        self.language = language
        self.exact = {}
        self.patterns = []
        self.qualifiers = []
        for entry in entries if entries is not None else load_entries():
            source, target = entry["it"], entry.get(language)
            if target is None:
                continue
            if entry["_file"] == "qualifiers":
                self.qualifiers.append((source, target))
            elif PLACEHOLDER.search(source):
                self.patterns.append((_pattern(source), target))
            else:
                self.exact[source] = target
        # Longest qualifier first, so "a domicilio" does not shadow a longer one.
        self.qualifiers.sort(key=lambda pair: -len(pair[0]))

    def __call__(self, text):
        """The translation of ``text``, or None when the memory cannot translate it."""
        text = text.strip()
        if text in self.exact:
            return self.exact[text]
        title = self.title(text)
        if title is not None:
            return title
        if ": " in text:
            summary = self._summary(text)
            if summary is not None:
                return summary
        for pattern, target in self.patterns:
            match = pattern.match(text)
            if match is None:
                continue
            values = {}
            for name, value in match.groupdict().items():
                translated = value if name in PROPER_NAMES else self._value(value)
                if translated is None:
                    break
                values[name] = translated
            else:
                return target.format(**values)
        return None

    def _value(self, value):
        """A placeholder's value: a known text (a Municipio...) or a service title, which
        the seeder writes in lowercase."""
        return self(value) or self.title(value[:1].upper() + value[1:])

    def title(self, text):
        """A service title: a need's name, optionally followed by a qualifier."""
        if text in self.exact:
            return self.exact[text]
        for qualifier, target in self.qualifiers:
            if text.endswith(" " + qualifier):
                need = self.exact.get(text[: -len(qualifier) - 1])
                if need is not None:
                    return target.format(need=need, need_lower=need[:1].lower() + need[1:])
        return None

    def _summary(self, text):
        """``"<title>: <description>"``, the description with a lowercase first letter."""
        title, description = text.split(": ", 1)
        translated_title = self.title(title)
        translated_description = self.exact.get(description[:1].upper() + description[1:])
        if translated_title is None or translated_description is None:
            return None
        if self.language in ("en", "es"):
            translated_description = translated_description[:1].lower() + translated_description[1:]
        return f"{translated_title}: {translated_description}"

    def slug(self, italian_title, italian_slug):
        """The translated page's slug: from the translated title where it is in Latin script,
        the Italian slug otherwise (readable addresses for everyone)."""
        translated = self(italian_title)
        if translated and self.language in ("en", "es"):
            return slugify(translated) or italian_slug
        return italian_slug
