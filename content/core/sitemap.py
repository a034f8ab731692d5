"""``/sitemap.xml``: every page a search engine should index, in every language, on the host
the sitemap was asked for.

Wagtail's sitemap lists the descendants of the Site's root page, i.e. the Italian tree only
(the other languages' home pages are its translations, siblings of it), and writes each URL
with the Site's configured root URL (``http://localhost`` in the demo, whatever host the
request came in on). Here the items are the live, public pages of every language tree except
aliases (an alias repeats its original's words and names it as ``rel=canonical``), and each
URL is put on the request's scheme and host.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .language_links import absolute_on_request_host


class LanguageTreesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        language_roots = root.get_translations(inclusive=True).only("path")
        under_a_root = reduce(or_, (Q(path__startswith=page.path) for page in language_roots))
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root, alias_of__isnull=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = absolute_on_request_host(self.request, url_info["location"])
        return urls

