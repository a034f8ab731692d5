from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.core.blocks import FAQBlock
from content.core.content_cache import memoized
from content.core.fragment_cache import lazy_context
from content.core.models import FactsFromSourceMixin
from content.services.forms import ServicePageForm
from content.services.minors import MAX_AGE, MINORS_MAX_AGE, ActivityKind, validate_age_range
from content.taxonomy.models import Need, Topic, localized

SECTION_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol"]

# Languages the staff of a service may speak: Milan's largest communities first.
SPOKEN_LANGUAGES = [
    ("it", _("Italian")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("es", _("Spanish")),
    ("tl", _("Filipino (Tagalog)")),
    ("si", _("Sinhala")),
    ("ro", _("Romanian")),
    ("uk", _("Ukrainian")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("bn", _("Bengali")),
    ("lis", _("Italian Sign Language (LIS)")),
]


class ServiceIndexPage(RoutablePageMixin, Page):
    """ "Servizi": browse services by need category, then by need."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["content_core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service index")

    def services(self):
        """Live services in this page's language."""
        return (
            ServicePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .select_related("locale")
            .order_by("title")
        )

    per_page = 20

    def category_url(self, category, request=None, need=None):
        """Address of a (default-language) need category's listing, optionally one need."""
        url = self.get_url(request) + self.reverse_subpage("category", args=[category.slug])
        return f"{url}?need={need.slug}" if need else url

    @path("")
    def categories(self, request):
        categories = list(
            Need.objects.in_default_locale()
            .filter(parent__isnull=True)
            .prefetch_related("children")
        )
        needs = [need for category in categories for need in category.children.all()]
        translated_needs = dict(zip(needs, localized(needs), strict=True))
        category_links = [
            {
                "name": translated.name,
                "description": translated.description,
                "icon": category.icon,
                "url": self.category_url(category, request),
                "needs": [
                    {
                        "name": translated_needs[need].name,
                        "url": self.category_url(category, request, need),
                    }
                    for need in category.children.all()
                ],
            }
            for category, translated in zip(categories, localized(categories), strict=True)
        ]
        # Every service, paginated: the Designers Italia "Servizi" page lists the service pages
        # themselves (data-element "service-link", "pager-link"), not only their categories.
        services_page = Paginator(self.services(), self.per_page).get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "categories": category_links,
                "services": services_page,
                "source_language": settings.LANGUAGE_CODE,
            },
        )

    def topic_url(self, topic, request=None):
        """Address of a (default-language) topic's page: the services tagged with it."""
        return self.get_url(request) + self.reverse_subpage("topic", args=[topic.slug])

    def topic_links(self, topics, request=None, locale=None):
        """``[{"name", "url"}]`` of default-language topics, named in the reader's language."""
        topics = list(topics)
        return [
            {"name": translated.name, "url": self.topic_url(topic, request)}
            for topic, translated in zip(topics, localized(topics, locale), strict=True)
        ]

    @path("argomenti/")
    def topics(self, request):
        """Every topic (Designers Italia "all-topics" page, criterion C.SI.1.5)."""
        topics = Topic.objects.in_default_locale()
        return self.render(
            request,
            template="content_services/service_index_page_topics.html",
            context_overrides={"topics": self.topic_links(topics, request)},
        )

    @path("argomenti/<slug:topic_slug>/")
    def topic(self, request, topic_slug):
        """The services tagged with one topic, paginated."""
        topic = get_object_or_404(Topic.objects.in_default_locale(), slug=topic_slug)
        keys = ServicePage.objects.filter(topics=topic).values("translation_key")
        services = self.services().filter(translation_key__in=keys)
        services_page = Paginator(services, self.per_page).get_page(request.GET.get("page"))
        return self.render(
            request,
            template="content_services/service_index_page_topic.html",
            context_overrides={
                "topic": localized([topic])[0],
                "topics_url": self.get_url(request) + self.reverse_subpage("topics"),
                "services": services_page,
                "source_language": settings.LANGUAGE_CODE,
            },
        )

    @path("<slug:category_slug>/")
    def category(self, request, category_slug):
        category = get_object_or_404(
            Need.objects.in_default_locale(), slug=category_slug, parent__isnull=True
        )
        needs = list(category.children.all())
        selected_need = None
        need_slug = request.GET.get("need")
        if need_slug:
            selected_need = next((need for need in needs if need.slug == need_slug), None)
            if selected_need is None:
                raise Http404
        services = self.services().filter(
            ServicePage.has_needs([selected_need] if selected_need else [category, *needs])
        )
        need_filters = [
            {
                "name": translated.name,
                "url": self.category_url(category, request, need),
                "selected": need == selected_need,
            }
            for need, translated in zip(needs, localized(needs), strict=True)
        ]
        services_page = Paginator(services, self.per_page).get_page(request.GET.get("page"))
        services_page.object_list = list(services_page.object_list)
        providers = ServicePage.providers_of(services_page.object_list)
        areas = ServicePage.areas_of(services_page.object_list)
        return self.render(
            request,
            template="content_services/service_index_page_category.html",
            context_overrides={
                "category": localized([category])[0],
                "category_url": self.category_url(category, request),
                "need_filters": need_filters,
                "selected_need": localized([selected_need])[0] if selected_need else None,
                "services": services_page,
                "services_with_providers": [
                    (service, providers[service.pk], areas[service.pk])
                    for service in services_page
                ],
                # Aliases are of the default-language pages (synchronise_language_trees).
                "source_language": settings.LANGUAGE_CODE,
                "category_slug": category.slug,
                "need_slug": selected_need.slug if selected_need else "",
            },
        )


class ServicePage(FactsFromSourceMixin, Page):
    """A service a provider offers, with the sections of an Italian PA service page.

    Words (sections) are translated; facts (needs, zones, audiences, languages, delivery
    modes, sharing, accreditation) are edited on the Italian page only and read from it.
    """

    # Status.
    is_active = models.BooleanField(_("service is active"), default=True)
    inactive_reason = models.CharField(_("reason it is not active"), max_length=255, blank=True)
    # Words, in the Designers Italia order.
    summary = models.TextField(_("short description"), max_length=400)
    description = RichTextField(_("what it is"), features=SECTION_FEATURES)
    audience_description = RichTextField(_("who it is for"), features=SECTION_FEATURES)
    how_to_access = RichTextField(_("how to access"), features=SECTION_FEATURES)
    requirements = RichTextField(_("what you need"), blank=True, features=SECTION_FEATURES)
    outcome = RichTextField(_("what you get"), blank=True, features=SECTION_FEATURES)
    times_and_deadlines = RichTextField(
        _("times and deadlines"), blank=True, features=SECTION_FEATURES
    )
    costs = RichTextField(_("costs"), blank=True, features=SECTION_FEATURES)
    conditions = RichTextField(_("conditions"), blank=True, features=SECTION_FEATURES)
    conditions_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("conditions of service (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The provider's terms and conditions of service, linked under "
                    "\"Conditions of service\"."),
    )
    contact_notes = RichTextField(
        _("contacts"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("Shown with the provider's contacts."),
    )
    faq = StreamField([("faq", FAQBlock())], verbose_name=_("FAQ"), blank=True, max_num=1)

    # Facts.
    needs = ParentalManyToManyField(
        "content_taxonomy.Need",
        verbose_name=_("needs"),
        related_name="+",
        limit_choices_to={"parent__isnull": False, "locale__language_code": "it"},
    )
    topics = ParentalManyToManyField(
        "content_taxonomy.Topic",
        verbose_name=_("topics"),
        related_name="+",
        blank=True,
        limit_choices_to={"locale__language_code": "it"},
        help_text=_("Topics of the Designers Italia model (EuroVoc), shown on the topics page."),
    )
    serves_whole_city = models.BooleanField(_("serves the whole city"), default=False)
    zones = ParentalManyToManyField(
        "content_taxonomy.Zone",
        verbose_name=_("zones served"),
        related_name="+",
        blank=True,
        limit_choices_to={"locale__language_code": "it"},
        help_text=_("A Municipio includes all its neighbourhoods."),
    )
    audiences = ParentalManyToManyField(
        "content_taxonomy.Audience",
        verbose_name=_("audiences"),
        related_name="+",
        limit_choices_to={"locale__language_code": "it"},
    )
    at_home = models.BooleanField(_("at home"), default=False)
    at_provider = models.BooleanField(_("at the provider's premises"), default=False)
    online = models.BooleanField(_("online"), default=False)
    sharable = models.BooleanField(
        _("can be shared"),
        default=False,
        help_text=_("Households can buy it together and split the cost."),
    )
    accredited = models.BooleanField(_("accredited by the Comune"), default=False)
    # Ages (whole years, both included; empty = open) and, for the "Milano 0-18" catalogue,
    # the kind of activity for minors (content.services.minors).
    age_from = models.PositiveSmallIntegerField(
        _("from age"), null=True, blank=True, help_text=_("In years. Empty: from birth.")
    )
    age_to = models.PositiveSmallIntegerField(
        _("to age"), null=True, blank=True, help_text=_("In years, included. Empty: no limit.")
    )
    activity_kind = models.CharField(
        _("activity for minors"),
        max_length=20,
        choices=ActivityKind.choices,
        blank=True,
        db_index=True,
        help_text=_("Puts the service in the \"Milano 0-18\" catalogue. Empty: not in it."),
    )
    # Facts only the Comune sets: read-only for provider staff (ComuneFactsPageForm).
    comune_owned_fields = ("accredited",)
    base_form_class = ServicePageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("is_active"), FieldPanel("inactive_reason")], heading=_("Status")
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("audience_description"),
        FieldPanel("how_to_access"),
        FieldPanel("requirements"),
        FieldPanel("outcome"),
        FieldPanel("times_and_deadlines"),
        FieldPanel("costs"),
        FieldPanel("conditions"),
        FieldPanel("conditions_document"),
        FieldPanel("contact_notes"),
        FieldPanel("faq"),
    ]
    facts_panels = [
        FieldPanel("needs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("serves_whole_city"),
                FieldPanel("zones", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Where"),
        ),
        FieldRowPanel(
            [FieldPanel("at_home"), FieldPanel("at_provider"), FieldPanel("online")],
            heading=_("How it is delivered"),
        ),
        InlinePanel("languages", label=_("Languages spoken by staff")),
        FieldRowPanel([FieldPanel("sharable"), FieldPanel("accredited")]),
        FieldRowPanel(
            [FieldPanel("age_from"), FieldPanel("age_to"), FieldPanel("activity_kind")],
            heading=_("Ages and activities for minors"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Facts")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    # wagtail-localize translates the words; the facts are copied from the Italian page and
    # a translator cannot override them (translations also read them from the source).
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "is_active",
            "needs",
            "topics",
            "serves_whole_city",
            "zones",
            "audiences",
            "at_home",
            "at_provider",
            "online",
            "sharable",
            "accredited",
            "languages",
            "age_from",
            "age_to",
            "activity_kind",
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
    ]
    api_fields = [
        APIField("is_active"),
        APIField("summary"),
        APIField("description"),
        APIField("audience_description"),
        APIField("how_to_access"),
        APIField("requirements"),
        APIField("outcome"),
        APIField("times_and_deadlines"),
        APIField("costs"),
        APIField("conditions"),
        APIField("contact_notes"),
        APIField("facts"),
    ]

    parent_page_types = ["content_providers.ProviderPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_from__isnull=True)
                | models.Q(age_to__isnull=True)
                | models.Q(age_from__lte=models.F("age_to")),
                name="service_age_from_not_above_age_to",
            ),
            models.CheckConstraint(
                condition=(models.Q(age_from__isnull=True) | models.Q(age_from__lte=MAX_AGE))
                & (models.Q(age_to__isnull=True) | models.Q(age_to__lte=MAX_AGE)),
                name="service_ages_within_life",
            ),
            models.CheckConstraint(
                condition=models.Q(activity_kind="")
                | models.Q(
                    age_from__isnull=False,
                    age_to__isnull=False,
                    age_to__lte=MINORS_MAX_AGE,
                ),
                name="service_activity_for_minors_ages",
            ),
        ]

    def clean(self):
        super().clean()
        validate_age_range(self.age_from, self.age_to, self.activity_kind)

    @property
    def provider(self):
        return self.get_parent().specific

    @property
    def delivery_modes(self):
        """Codes of the ways this service is delivered (read from the source page)."""
        source = self.facts_source
        return [
            code
            for code, enabled in (
                ("home", source.at_home),
                ("provider", source.at_provider),
                ("online", source.online),
            )
            if enabled
        ]

    @property
    def spoken_language_codes(self):
        return [row.code for row in self.facts_source.languages.all()]

    @property
    def facts(self):
        """Facts as plain data, identical for every translation (used by the API)."""
        source = self.facts_source
        return {
            "needs": [need.slug for need in source.needs.all()],
            "topics": [topic.slug for topic in source.topics.all()],
            "zones": [zone.slug for zone in source.zones.all()],
            "serves_whole_city": source.serves_whole_city,
            "audiences": [audience.slug for audience in source.audiences.all()],
            "languages": self.spoken_language_codes,
            "delivery_modes": self.delivery_modes,
            "sharable": source.sharable,
            "accredited": source.accredited,
            "age_from": source.age_from,
            "age_to": source.age_to,
            "activity_kind": source.activity_kind,
            "provider": str(source.get_parent().translation_key),
        }

    @staticmethod
    def providers_of(services):
        """The provider page of each service, keyed by service id, in one query."""
        from content.providers.models import ProviderPage

        services = list(services)
        steplen = ServicePage.steplen
        parent_paths = {service.path[:-steplen] for service in services}
        providers = {page.path: page for page in ProviderPage.objects.filter(path__in=parent_paths)}
        return {service.pk: providers.get(service.path[:-steplen]) for service in services}

    @staticmethod
    def areas_of(services):
        """``{service id: [zone names in the reader's language]}`` (``[]``: the whole city),
        from each service's facts source, in two queries whatever the number of services."""
        services = list(services)
        sources = {
            source.translation_key: source
            for source in ServicePage.objects.filter(
                translation_key__in=[service.translation_key for service in services],
                locale__language_code=settings.LANGUAGE_CODE,
            ).prefetch_related("zones")
        }
        zones = list({zone for source in sources.values() for zone in source.zones.all()})
        names = {
            zone.pk: translated.name
            for zone, translated in zip(zones, localized(zones), strict=True)
        }
        areas = {}
        for service in services:
            source = sources.get(service.translation_key, service)
            if source.serves_whole_city:
                areas[service.pk] = []
            else:
                areas[service.pk] = sorted(names[zone.pk] for zone in source.zones.all()) or None
        return areas

    @classmethod
    def has_needs(cls, needs):
        """A filter for services (any locale) whose source has one of these needs.

        One ``EXISTS`` over the needs' rows, joined on the translation key (both indexed),
        instead of ``translation_key IN (every service with one of the needs)``, which the
        category page filtered by need built twice on each request."""
        return Exists(
            cls.needs.through.objects.filter(
                need__in=[need.pk for need in needs],
                servicepage__translation_key=OuterRef("translation_key"),
            )
        )

    @cached_property
    def provider_page(self):
        """The provider this service is published under (its parent page), in one query."""
        from content.providers.models import ProviderPage

        return ProviderPage.objects.filter(path=self.path[: -self.steplen]).first()

    @cached_property
    def prefetched_facts_source(self):
        """``facts_source`` with its needs (and categories), zones, audiences and languages
        loaded in one query each: the page and its JSON-LD both read them."""
        source = self.facts_source
        prefetch_related_objects(
            [source],
            models.Prefetch("needs", queryset=Need.objects.select_related("parent")),
            "zones",
            "audiences",
            "languages",
        )
        return source

    def service_index(self):
        """The service index ("Servizi") in this page's language, or ``None`` (once per
        publish: ``content_cache.memoized``)."""
        return memoized(
            "service-index",
            lambda: ServiceIndexPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .first(),
            self.locale_id,
        )

    def need_links(self, request=None, locale=None, source_needs=None, service_index=None):
        """The service's needs in the reader's language, each with its category and the
        addresses of that need's and that category's listings in the service index of this
        page's language."""
        locale = locale or Locale.get_active()
        if source_needs is None:
            source_needs = list(self.facts_source.needs.select_related("parent"))
        categories = {need.parent_id: need.parent for need in source_needs if need.parent}
        translated_categories = dict(
            zip(categories, localized(categories.values(), locale), strict=True)
        )
        service_index = service_index or self.service_index()
        return [
            {
                "name": translated.name,
                "category": translated_categories.get(need.parent_id),
                "url": service_index.category_url(need.parent, request, need)
                if service_index and need.parent
                else None,
                "category_url": service_index.category_url(need.parent, request)
                if service_index and need.parent
                else None,
            }
            for need, translated in zip(source_needs, localized(source_needs, locale), strict=True)
        ]

    CONTEXT_NAMES = (
        "service_index", "facts", "provider", "provider_facts", "provider_addresses", "topics",
        "categories", "needs", "service_topics", "zones", "audiences", "languages",
    )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Computed on first use only: the template's fragments usually come from the cache
        # (content/core/fragment_cache.py).
        context.update(lazy_context(lambda: self._facts_context(request), self.CONTEXT_NAMES))
        return context

    def _facts_context(self, request):
        """The facts, provider and taxonomy the template shows, in the reader's language."""
        locale = Locale.get_active()
        source = self.prefetched_facts_source
        provider = self.provider_page
        source_needs = list(source.needs.all())
        service_index = self.service_index()
        topics = self.need_links(request, locale, source_needs, service_index)
        return {
            "service_index": service_index,
            "facts": source,
            "provider": provider,
            "provider_facts": provider.facts_source,
            "provider_addresses": provider.addresses_in_reader_language(locale),
            "topics": topics,
            "categories": list(
                dict.fromkeys(topic["category"] for topic in topics if topic["category"])
            ),
            "needs": localized(source_needs, locale),
            "service_topics": service_index.topic_links(source.topics.all(), request, locale)
            if service_index
            else [],
            "zones": localized(source.zones.all(), locale),
            "audiences": localized(source.audiences.all(), locale),
            "languages": source.languages.all(),
        }


class ServiceLanguage(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=8, choices=SPOKEN_LANGUAGES)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_service_language")
        ]

    def __str__(self):
        return self.get_code_display()
