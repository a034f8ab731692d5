from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from .blocks import BodyBlock
from .fragment_cache import lazy_context


class FactsFromSourceMixin:
    """Facts (taxonomy, contacts, prices...) are shared by every translation of a page.

    wagtail-localize translates words but does not synchronise many-to-many fields or
    foreign keys to translatable snippets, so translations never keep their own copy of
    facts: they are edited on the default-language page (the *source*) and every
    translation reads them from there, through the shared ``translation_key``.
    """

    @cached_property
    def facts_source(self):
        if self.is_source:
            return self
        source = (
            type(self)
            .objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .first()
        )
        return source or self

    @property
    def is_source(self):
        # Locale.get_default() is answered from memory (content.core.content_cache).
        return self.locale_id == Locale.get_default().pk


class HomePage(Page):
    """The home page of one language tree."""

    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]
    api_fields = [APIField("hero_title"), APIField("hero_text"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content_core.StandardPage",
        "content_services.ServiceIndexPage",
        "content_providers.ProviderIndexPage",
        "content_spaces.SpaceIndexPage",
        "content_news.NewsIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    latest_news_count = 3

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Computed on first use only: the page's content is usually a cached fragment
        # (content/core/fragment_cache.py).
        context.update(
            lazy_context(
                lambda: self._sections_context(request),
                ("service_index", "need_categories", "space_index", "spaces", "latest_news",
                 "news_index"),
            )
        )
        return context

    def _sections_context(self, request):
        """The home page's sections: need categories, Spazi WeMi, latest news."""
        # The sections live in apps that depend on this one: import them here.
        from content.news.models import NewsIndexPage, NewsPage
        from content.services.models import ServiceIndexPage
        from content.spaces.models import SpaceIndexPage, SpacePage
        from content.taxonomy.models import Need, localized

        context = {}
        service_index = ServiceIndexPage.objects.child_of(self).live().public().first()
        categories = list(Need.objects.in_default_locale().filter(parent__isnull=True))
        context["service_index"] = service_index
        context["need_categories"] = (
            [
                {
                    "name": translated.name,
                    "description": translated.description,
                    "url": service_index.category_url(category, request),
                }
                for category, translated in zip(categories, localized(categories), strict=True)
            ]
            if service_index
            else []
        )
        context["space_index"] = SpaceIndexPage.objects.child_of(self).live().public().first()
        context["spaces"] = (
            SpacePage.objects.descendant_of(self).live().public().order_by("title")
        )
        context["latest_news"] = (
            NewsPage.objects.descendant_of(self)
            .live()
            .public()
            .order_by("-date", "-pk")[: self.latest_news_count]
        )
        context["news_index"] = NewsIndexPage.objects.child_of(self).live().public().first()
        return context


class StandardPage(Page):
    """A guide or information page: "How WeMi works", contributions, FAQ, accessibility..."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["content_core.HomePage", "content_core.StandardPage"]
    subpage_types = ["content_core.StandardPage"]

    class Meta:
        verbose_name = _("guide page")
