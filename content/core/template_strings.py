"""What citizen-facing templates show: translatable messages and untranslated literal text.

Used by the test suite to keep every visible string of the portal's templates translatable
(``{% translate %}``/``{% blocktranslate %}``) and translated in every language's catalog.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils.translation.template import templatize

# Directories (relative to the repository root) holding templates citizens see.
CITIZEN_TEMPLATE_GLOBS = [
    "theme/templates/**/*.html",
    "theme/templates/**/*.txt",
    "content/*/templates/**/*.html",
    "search/templates/**/*.html",
    "marketplace/**/templates/**/*.html",
    "marketplace/**/templates/**/*.txt",
]
# Text that is the same in every language: brand and institutional names, acronyms, symbols.
ALLOWED_LITERALS = {
    "WeMi", "Spazi WeMi", "Spazio WeMi", "ISEE", "INPS", "SPID", "PDF", "CSV", "EUR", "AgID",
    "LIS", "IBAN", "DSU", "FAQ", "OK", "Milano",
}
# Attributes whose values people read or hear (screen readers).
TEXT_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description"}
SKIPPED_ELEMENTS = {"script", "style"}
PLACEHOLDER = "\x00"
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def citizen_templates(root=None):
    root = Path(root or settings.BASE_DIR)
    paths = set()
    for pattern in CITIZEN_TEMPLATE_GLOBS:
        paths.update(path for path in root.glob(pattern) if "admin" not in path.parts)
    return sorted(paths)


def _without_template_code(source):
    """The template's text without its tags (nor what translate blocks and comments hold),
    each variable replaced by a placeholder."""
    parts, skip_until = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if skip_until:
                if name == skip_until:
                    skip_until = None
                continue
            if name in ("blocktranslate", "blocktrans"):
                skip_until = "endblocktranslate" if name == "blocktranslate" else "endblocktrans"
            elif name == "comment":
                skip_until = "endcomment"
            elif name == "verbatim":
                skip_until = "endverbatim"
            elif name == "block" and "class" in token.contents:
                # {% block body_class %}: CSS class names, not text.
                skip_until = "endblock"
            # Tags vanish (they may sit inside an HTML start tag); variables split the text.
            parts.append("")
        elif skip_until:
            continue
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        else:
            parts.append(PLACEHOLDER)
    # <{{ heading_level }} ...>: a variable as an element's name.
    return re.sub(f"(</?){PLACEHOLDER}", r"\1element", "".join(parts))


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self._skipping += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.texts.append(data)


def untranslated_literals(source, is_html=True):
    """Visible text of a template written as a literal instead of through gettext."""
    text = _without_template_code(source)
    if is_html:
        parser = _VisibleText()
        parser.feed(text)
        chunks = parser.texts
    else:
        chunks = [text]
    literals = []
    for chunk in chunks:
        for piece in chunk.split(PLACEHOLDER):
            piece = " ".join(piece.split())
            if not LETTER.search(piece) or piece in ALLOWED_LITERALS:
                continue
            stripped = piece.strip(" .,:;()[]|/–—-·•*+%&'\"«»“”")
            if stripped in ALLOWED_LITERALS or not LETTER.search(stripped):
                continue
            literals.append(piece)
    return literals


_CALL = re.compile(r"\b(npgettext|pgettext|ngettext|gettext)\(((?:\s*u?'(?:[^'\\]|\\.)*'\s*,?)+)")
_LITERAL = re.compile(r"u?'(?:[^'\\]|\\.)*'")


def template_messages(source):
    """``(context, msgid, msgid_plural)`` of every message a template translates."""
    messages = []
    for match in _CALL.finditer(templatize(source)):
        function = match.group(1)
        strings = [ast.literal_eval(literal) for literal in _LITERAL.findall(match.group(2))]
        context = strings.pop(0) if function.startswith(("p", "np")) else None
        plural = strings[1] if function.startswith(("n", "np")) and len(strings) > 1 else ""
        messages.append((context, strings[0], plural))
    return messages
