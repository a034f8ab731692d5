"""Lists are joined with each language's own separator."""

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    "language, expected",
    [
        ("it", "Brera, Isola"),
        ("en", "Brera, Isola"),
        ("ar", "Brera، Isola"),
        ("zh-hans", "Brera、Isola"),
    ],
)
def test_list_join_uses_the_languages_separator(language, expected):
    class Zone:
        def __init__(self, name):
            self.name = name

    template = Template('{% load i18n_tags %}{{ zones|list_join:"name" }}|{{ names|list_join }}')
    with translation.override(language):
        html = template.render(
            Context({"zones": [Zone("Brera"), Zone("Isola")], "names": ["Brera", "Isola"]})
        )
    assert html == f"{expected}|{expected}"


def test_list_join_escapes_and_accepts_nothing():
    template = Template("{% load i18n_tags %}[{{ names|list_join }}][{{ missing|list_join }}]")
    with translation.override("it"):
        html = template.render(Context({"names": ["<b>", "a&b"]}))
    assert html == "[&lt;b&gt;, a&amp;b][]"
