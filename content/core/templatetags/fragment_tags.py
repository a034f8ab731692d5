"""``{% published_fragment %}``: a piece of a page rendered once per publish, per language.

::

    {% load fragment_tags %}
    {% published_fragment "footer" %}...{% endpublished_fragment %}
    {% published_fragment "service-facts" page.pk %}...{% endpublished_fragment %}

The rendered HTML is kept in Django's cache (Redis in production) under the fragment's name,
the **content version** (``content/core/content_cache.py``: any page, snippet, setting, site
or locale save bumps it), the active language, the request's host and the given parts; a
publish makes every fragment render again on its next request. Only for what editors alone
change: per-person parts (prices, the basket, account links) stay outside. As a safety net
a fragment is never stored when its HTML holds a CSRF token or the response's CSP nonce (it
is rendered afresh every time instead), nor on previews or for signed-in visitors unless the
tag says ``shared`` (the same for everybody: no per-person branch inside).
(``docs/decisions/0024-fragment-cache.md``.)
"""

from django import template

from ..fragment_cache import render_fragment

register = template.Library()


class PublishedFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts, shared):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts
        self.shared = shared

    def render(self, context):
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        return render_fragment(
            context.get("request"),
            name,
            parts,
            lambda: self.nodelist.render(context),
            shared=self.shared,
        )


@register.tag
def published_fragment(parser, token):
    """``{% published_fragment "name" [part ...] [shared] %}...{% endpublished_fragment %}``"""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name.")
    shared = bits[-1] == "shared"
    if shared:
        bits = bits[:-1]
    nodelist = parser.parse(("endpublished_fragment",))
    parser.delete_first_token()
    return PublishedFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        shared,
    )
