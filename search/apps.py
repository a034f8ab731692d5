import oscar.apps.search.apps as apps
from django.db.models.signals import post_migrate
from django.urls import path
from django.views.generic import RedirectView


class SearchConfig(apps.SearchConfig):
    """The site's search: a fork of Oscar's search app (Oscar requires the label ``search``).

    Oscar's haystack product search is replaced by the faceted service search at
    ``/<lang>/cerca/``; Oscar's own ``search:search`` URL redirects there.
    """

    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .engines.database import forget_flushed_words

        signals.connect()
        post_migrate.connect(
            forget_flushed_words, sender=self, dispatch_uid="search_forget_flushed_words"
        )

    def get_urls(self):
        redirect = RedirectView.as_view(pattern_name="site-search", query_string=True)
        return self.post_process_urls([path("", redirect, name="search")])
