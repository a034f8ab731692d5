"""C.SI.1.1 (fonts) and C.SI.1.2 (Bootstrap Italia) of the Designers Italia "modello Comuni",
measured in the browser as italia/pa-website-validator 2.11.5 measures them
(src/audits/municipality/fontsCheckAudit.ts, bootstrapItaliaDoubleCheckAudit.ts), on the home
and on the first- and second-level pages it reaches through the menu markers, and on a
service page."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from .site_data import build_site

# src/storage/municipality/allowedFonts.ts
ALLOWED_FONTS = ["Titillium Web", "Lora", "Roboto Mono", "titillium web", "lora", "roboto mono"]
# bootstrapItaliaDoubleCheckAudit.ts: version >= 2.0.0 and >= 30 % of the page's unique classes
# among Bootstrap Italia's (the validator's list, src/storage/municipality/cssClasses.ts, is
# the classes of Bootstrap Italia's stylesheet: we read them from the stylesheet itself).
MINIMUM_VERSION = (2, 0, 0)
MINIMUM_SHARE = 30
BOOTSTRAP_ITALIA_CSS = (
    Path(settings.BASE_DIR) / "node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css"
)

# The validator's page.evaluate of fontsCheckAudit.ts: the first family of every h1-h6 and p
# and of everything inside them.
WRONG_FONTS_JS = """(allowed) => {
  const bad = [];
  const first = (e) => window.getComputedStyle(e).fontFamily.split(",", 1)
    .map((s) => s.replace(/^"|"$/g, "")).filter((x) => !allowed.includes(x));
  for (const e of document.body.querySelectorAll("h1, h2, h3, h4, h5, h6, p")) {
    const own = first(e);
    if (own.length) { bad.push(e.tagName + ": " + own.join()); continue; }
    for (const child of e.querySelectorAll("*")) {
      const wrong = first(child);
      if (wrong.length) { bad.push(`${e.tagName} > ${child.tagName}: ${wrong.join()}`); break; }
    }
  }
  return bad;
}"""
VERSION_JS = """() => window.BOOTSTRAP_ITALIA_VERSION || getComputedStyle(document.body)
  .getPropertyValue("--bootstrap-italia-version") || null"""
CLASSES_JS = """() => {
  const used = new Set();
  for (const e of document.getElementsByTagName("*")) {
    for (const c of (e.getAttribute("class") || "").split(" ")) { if (c) used.add(c); }
  }
  return [...used];
}"""


@pytest.fixture(scope="module")
def bootstrap_italia_classes():
    css = BOOTSTRAP_ITALIA_CSS.read_text()
    return set(re.findall(r"\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)", css))


@pytest.fixture
def site(live_server, transactional_db):
    return build_site()


def menu_pages(page, base):
    """Home, the pages of the four menu markers and, on each, its second-level links (the
    validator's getFirstLevelPages and getRandomSecondLevelPagesUrl)."""
    secondary = {
        "management": "management-category-link",
        "news": "news-category-link",
        "all-services": "service-category-link",
        "live": "live-button-locations",
    }
    page.goto(base + "/it/")
    first = {}
    for element in secondary:
        first[element] = page.locator(f'[data-element="{element}"]').first.get_attribute("href")
    urls = ["/it/", *first.values()]
    for element, url in first.items():
        page.goto(base + url)
        urls.append(
            page.locator(f'[data-element="{secondary[element]}"]').first.get_attribute("href")
        )
    return urls


def test_fonts_and_bootstrap_italia_on_menu_pages(
    page, live_server, site, bootstrap_italia_classes
):
    """C.SI.1.1: only Titillium Web, Lora, Roboto Mono in headings and paragraphs. C.SI.1.2:
    Bootstrap Italia >= 2.0.0 and at least 30 % of the page's classes are its own."""
    urls = [*menu_pages(page, live_server.url), site.url("service", "it")]
    assert len(urls) == 10
    for url in urls:
        page.goto(live_server.url + url)
        assert page.evaluate(WRONG_FONTS_JS, ALLOWED_FONTS) == [], url
        version = page.evaluate(VERSION_JS).strip().replace('"', "").replace("'", "")
        assert tuple(int(part) for part in version.split(".")) >= MINIMUM_VERSION, url
        classes = page.evaluate(CLASSES_JS)
        share = round(100 * len(set(classes) & bootstrap_italia_classes) / len(classes))
        assert share >= MINIMUM_SHARE, f"{url}: {share} % Bootstrap Italia classes"
