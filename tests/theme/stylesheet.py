"""What the theme build removed from Bootstrap Italia's stylesheet.

theme/build.mjs keeps only the rules whose classes appear in the templates, the Python code
or the components bundle. A class built in a way it cannot see (say, in a new script) would
lose its style silently: the browser tests therefore look, on every page they visit, for
classes that Bootstrap Italia styles but the built stylesheet no longer does.
"""

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FULL_STYLESHEET = (
    ROOT / "node_modules" / "bootstrap-italia" / "dist" / "css" / "bootstrap-italia.min.css"
)
BUILT_CSS = ROOT / "theme" / "static" / "vendor" / "bootstrap-italia" / "css"
BUILT_STYLESHEET = BUILT_CSS / "bootstrap-italia.min.css"
BUILT_RTL_STYLESHEET = BUILT_CSS / "bootstrap-italia.rtl.min.css"
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_TOP_LEVEL_COMMA = re.compile(r",(?![^(]*\))")
_KEYFRAME_STEP = re.compile(r"^(from|to|[\d.]+%)$")
_PAGE_CLASSES = """() => [...new Set([...document.querySelectorAll("[class]")]
  .flatMap((element) => (element.getAttribute("class") || "").split(/\\s+/))
  .filter(Boolean))]"""


def read(path):
    if not path.exists():
        raise RuntimeError(f"{path} is missing: run `make frontend`")
    return path.read_text(encoding="utf-8")


def selectors_of(css):
    """Every selector of a stylesheet's rules (selector lists split; keyframe steps left out)."""
    # The text before each "{" is a selector list or an at-rule's prelude.
    parts = re.split(r"([{}])", re.sub(r"/\*.*?\*/", "", css, flags=re.S))
    preludes = (parts[index - 1] for index, part in enumerate(parts) if part == "{")
    return {
        selector.strip()
        for prelude in preludes
        if not prelude.lstrip().startswith("@")
        for selector in _TOP_LEVEL_COMMA.split(prelude)
        if not _KEYFRAME_STEP.match(selector.strip())
    }


def classes_styled_by(css):
    """The class names that appear in the selectors of a stylesheet."""
    return {name for selector in selectors_of(css) for name in _CLASS.findall(selector)}


@cache
def removed_classes():
    """Classes Bootstrap Italia styles that the built stylesheet has no rule for any more."""
    full = classes_styled_by(read(FULL_STYLESHEET))
    return frozenset(full - classes_styled_by(read(BUILT_STYLESHEET)))


def unstyled_classes(page):
    """Classes used in the page as it is now whose Bootstrap Italia rules the build removed."""
    return sorted(set(page.evaluate(_PAGE_CLASSES)) & removed_classes())
