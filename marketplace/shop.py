"""Oscar's root app config (``oscar.config.Shop``), with only the storefront WeMi uses routed.

Oscar registers every feature of a generic shop. WeMi sells services from their pages, with
the booking form's choices and checks, so some of Oscar's URLs were ways around the site:
the generic add-to-basket view took any quantity of any product with no start date or
address; product alerts e-mailed any address an anonymous visitor typed (and failed on a
missing image library); wish lists, saved baskets, voucher codes, offers pages and the
anonymous order-status pages are features the site does not offer; the order-line page had
no template and its "buy again" put lines back in the basket unchecked. Those URLs are not
routed at all (a 404), and the order page answers only GET (its "buy again" action is a
POST). Every other URL of Oscar's apps renders in the site's theme.

Installed in place of ``oscar.config.Shop`` (Oscar's documented way to change its URLs).
"""

from django.urls import URLPattern, URLResolver
from django.views.decorators.http import require_safe
from oscar.config import Shop

# Oscar's URL names (with namespace) that are not routed.
UNROUTED = frozenset(
    {
        # Buying goes through the service page's booking form only.
        "basket:add",
        "basket:saved",
        "basket:vouchers-add",
        "basket:vouchers-remove",
        "customer:order-line",
        # Anonymous checkout is off: no anonymous order-status pages.
        "customer:anon-order-form",
        "customer:anon-order",
        # Product alerts and wish lists: features WeMi does not offer.
        "customer:alerts-list",
        "customer:alert-create",
        "customer:alerts-confirm",
        "customer:alerts-cancel-by-key",
        "customer:alerts-cancel-by-pk",
        "customer:wishlists-list",
        "customer:wishlists-add-product",
        "customer:wishlists-create",
        "customer:wishlists-create-with-product",
        "customer:wishlists-detail",
        "customer:wishlists-update",
        "customer:wishlists-delete",
        "customer:wishlists-remove-product",
        "customer:wishlists-move-product-to-another",
        "wishlists:detail",
        # Oscar's offers pages: services are Wagtail pages, found with the site's search
        # (marketplace.urls redirects catalogue links, search:search redirects to /cerca/).
        "offer:list",
        "offer:detail",
    }
)
# Oscar's URL names whose views only answer GET/HEAD here (their POST actions put lines
# back into the basket without the booking form's checks).
READ_ONLY = frozenset({"customer:order"})


def prune(patterns, unrouted=UNROUTED, read_only=READ_ONLY, namespace=""):
    """``patterns`` without the URLs named in ``unrouted`` (``"namespace:name"``).

    Resolvers left without patterns are dropped; views named in ``read_only`` are wrapped
    in ``require_safe`` (405 on POST).
    """
    kept = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            children = prune(pattern.url_patterns, unrouted, read_only, inner)
            if children:
                kept.append(
                    URLResolver(
                        pattern.pattern,
                        children,
                        pattern.default_kwargs,
                        pattern.app_name,
                        pattern.namespace,
                    )
                )
            continue
        name = f"{namespace}{pattern.name}" if pattern.name else None
        if name in unrouted:
            continue
        if name in read_only:
            pattern = URLPattern(
                pattern.pattern, require_safe(pattern.callback), pattern.default_args, pattern.name
            )
        kept.append(pattern)
    return kept


class WemiShopConfig(Shop):
    def get_urls(self):
        return prune(super().get_urls())
