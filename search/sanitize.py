"""Search text as people type it, made safe for every engine.

Search boxes receive anything: NUL bytes (``?q=a%00b``), other control characters, lone
double quotes. PostgreSQL refuses NUL in any string parameter, SQLite's full text reads a
NUL as the end of its query ("unterminated string"), and the quotes of FTS5 and of Wagtail's
query parser are syntax. None of these characters carries meaning in a search: they become
word separators.
"""

import re
import unicodedata

# Categories of characters that separate words in a search: controls (Cc: NUL, escape, DEL,
# C1), format characters other than joiners (Cf is kept for ZWJ/ZWNJ, needed in some
# scripts), surrogates (Cs: half of a UTF-16 pair, not text) and unassigned/private use.
_SEPARATOR_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}
# Characters with a meaning in the query languages of the engines (FTS5, Wagtail's parser).
_QUERY_SYNTAX = re.compile(r'["“”„«»]')


def clean_search_text(text):
    """``text`` with control characters and quotes turned into single spaces, trimmed.

    ``clean_search_text('a\\x00b')`` is ``'a b'``; ``clean_search_text('"')`` is ``''``.
    Accepts ``None`` (gives ``''``).
    """
    if not text:
        return ""
    spaced = "".join(
        " " if unicodedata.category(char) in _SEPARATOR_CATEGORIES else char for char in text
    )
    return " ".join(_QUERY_SYNTAX.sub(" ", spaced).split())
