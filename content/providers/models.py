from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.core.forms import ComuneFactsPageForm
from content.core.models import FactsFromSourceMixin
from content.taxonomy.models import localized


class ProviderIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["content_core.HomePage"]
    subpage_types = ["content_providers.ProviderPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("provider index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        providers = list(ProviderPage.objects.child_of(self).live().public().order_by("title"))
        sources = ProviderPage.sources_of(providers)
        context["providers"] = providers
        context["providers_with_facts"] = [
            (provider, sources[provider.translation_key]) for provider in providers
        ]
        return context


class ProviderPage(FactsFromSourceMixin, Page):
    """A third-sector organisation accredited by the Comune (ente erogatore).

    Its services are its child pages, so the provider's staff group gets edit rights on
    this subtree only (see ``signals.py``).
    """

    class Kind(models.TextChoices):
        SOCIAL_COOPERATIVE = "cooperativa-sociale", _("Social cooperative")
        ASSOCIATION = "associazione", _("Association")
        VOLUNTEER_ORGANISATION = "odv", _("Volunteer organisation")
        SOCIAL_PROMOTION = "aps", _("Social promotion association")
        FOUNDATION = "fondazione", _("Foundation")
        SOCIAL_ENTERPRISE = "impresa-sociale", _("Social enterprise")
        CONSORTIUM = "consorzio", _("Consortium")

    # Words (translated).
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    # Facts (edited on the Italian page, read from it by every translation).
    legal_name = models.CharField(_("legal name"), max_length=255)
    kind = models.CharField(_("kind of organisation"), max_length=40, choices=Kind.choices)
    vat_number = models.CharField(_("VAT number / tax code"), max_length=16, blank=True)
    accreditation_number = models.CharField(_("accreditation number"), max_length=40, blank=True)
    accredited_until = models.DateField(_("accreditation valid until"), null=True, blank=True)
    # Facts only the Comune sets: read-only for provider staff (ComuneFactsPageForm).
    comune_owned_fields = ("accreditation_number", "accredited_until")
    base_form_class = ComuneFactsPageForm
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    staff_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("staff group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="provider_page",
    )

    content_panels = Page.content_panels + [
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("kind"),
                FieldPanel("vat_number"),
                FieldPanel("accreditation_number"),
                FieldPanel("accredited_until"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"), FieldPanel("logo")],
            heading=_("Contacts"),
        ),
        InlinePanel("addresses", label=_("Addresses"), min_num=1),
    ]
    # wagtail-localize translates the description; the organisation's facts are copied from
    # the Italian page and a translator cannot override them.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "legal_name",
            "kind",
            "vat_number",
            "accreditation_number",
            "accredited_until",
            "phone",
            "email",
            "website",
            "logo",
            "addresses",
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("legal_name"),
        index.SearchField("description"),
    ]
    api_fields = [
        APIField("description"),
        APIField("legal_name"),
        APIField("kind"),
        APIField("accreditation_number"),
        APIField("accredited_until"),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("addresses"),
    ]

    parent_page_types = ["content_providers.ProviderIndexPage"]
    subpage_types = ["content_services.ServicePage"]

    class Meta:
        verbose_name = _("provider")

    @staticmethod
    def sources_of(providers):
        """Default-language pages of the given providers, with their addresses, in two
        queries, keyed by translation key (a provider in the default language is its own)."""
        return {
            source.translation_key: source
            for source in ProviderPage.objects.filter(
                translation_key__in=[provider.translation_key for provider in providers],
                locale=Locale.get_default(),
            ).prefetch_related(
                models.Prefetch(
                    "addresses", queryset=ProviderAddress.objects.select_related("municipio")
                )
            )
        }

    def addresses_in_reader_language(self, locale=None):
        """The source's addresses, each with ``municipio_name`` in the reader's language."""
        facts = self.facts_source
        # Once per page object: a service page and its JSON-LD both show them.
        prefetch_related_objects(
            [facts],
            models.Prefetch(
                "addresses", queryset=ProviderAddress.objects.select_related("municipio")
            ),
        )
        addresses = list(facts.addresses.all())
        municipi = [address.municipio for address in addresses if address.municipio]
        names = {
            municipio.pk: translated.name
            for municipio, translated in zip(municipi, localized(municipi, locale), strict=True)
        }
        for address in addresses:
            address.municipio_name = names.get(address.municipio_id, "")
        return addresses

    def save(self, *args, **kwargs):
        # The staff group belongs to the Italian page (one group per provider). Translations
        # and aliases are copies of it (Wagtail's aliases copy every field, even
        # ``exclude_fields_in_copy``): they must not claim the group themselves.
        if self.staff_group_id and not self.is_source:
            self.staff_group = None
        return super().save(*args, **kwargs)

    def services(self):
        from content.services.models import ServicePage

        return ServicePage.objects.child_of(self).live().public().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["facts"] = self.facts_source
        context["addresses"] = self.addresses_in_reader_language()
        context["services"] = self.services()
        return context


class ProviderAddress(Orderable):
    page = ParentalKey(ProviderPage, on_delete=models.CASCADE, related_name="addresses")
    label = models.CharField(
        _("label"), max_length=120, blank=True, help_text=_("e.g. Registered office, Day centre")
    )
    street_address = models.CharField(_("street address"), max_length=255)
    postcode = models.CharField(_("postcode"), max_length=5)
    city = models.CharField(_("city"), max_length=80, default="Milano")
    municipio = models.ForeignKey(
        "content_taxonomy.Zone",
        verbose_name=_("Municipio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "municipio", "locale__language_code": "it"},
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("street_address"),
        FieldPanel("postcode"),
        FieldPanel("city"),
        FieldPanel("municipio"),
    ]
    api_fields = [
        APIField("label"),
        APIField("street_address"),
        APIField("postcode"),
        APIField("city"),
        APIField("municipio_id"),
    ]

    def __str__(self):
        return f"{self.street_address}, {self.postcode} {self.city}"
