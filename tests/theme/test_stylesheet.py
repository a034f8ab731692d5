"""The stylesheet theme/build.mjs builds from Bootstrap Italia's: what it must keep.

Which classes the pages use is checked in the browser (tests/e2e, on every page type).
"""

import re

from .stylesheet import (
    BUILT_RTL_STYLESHEET,
    BUILT_STYLESHEET,
    FULL_STYLESHEET,
    classes_styled_by,
    read,
    removed_classes,
    selectors_of,
)

_NAMES_CLASS_OR_ID = re.compile(r"[.#]-?[_a-zA-Z]")


def test_every_rule_without_a_class_or_an_id_is_kept():
    """Element and focus rules apply to whatever editors write, whichever template it is in."""
    generic = {s for s in selectors_of(read(FULL_STYLESHEET)) if not _NAMES_CLASS_OR_ID.search(s)}
    assert ":focus:not([data-focus-mouse=true])" in generic  # the keyboard focus ring
    assert generic - selectors_of(read(BUILT_STYLESHEET)) == set()


def test_components_the_templates_use_keep_their_rules_and_unused_ones_go():
    removed = removed_classes()
    styled = classes_styled_by(read(FULL_STYLESHEET))
    for used in ["it-header-wrapper", "accordion-button", "collapsing", "show", "dropdown-menu",
                 "is-invalid", "alert-success", "alert-danger", "callout", "visually-hidden"]:
        assert used not in removed, used
    for unused in ["it-timeline-wrapper", "it-calendar-wrapper", "splide__track", "vjs-control"]:
        assert unused in styled, unused
        assert unused in removed, unused


def test_the_right_to_left_stylesheet_has_the_same_rules():
    ltr, rtl = read(BUILT_STYLESHEET), read(BUILT_RTL_STYLESHEET)
    assert selectors_of(rtl) == selectors_of(ltr)
    assert "margin-right:auto" in ltr.replace(" ", "") or "margin-left:auto" in ltr.replace(" ", "")


def test_the_fonts_are_declared_in_both_stylesheets():
    for css in (read(BUILT_STYLESHEET), read(BUILT_RTL_STYLESHEET)):
        assert '@font-face{font-family:"Titillium Web";font-style:normal;font-weight:600;' in css
        assert "VideoJS" not in css  # Bootstrap Italia's video player font, unused
