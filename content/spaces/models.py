from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.core.models import FactsFromSourceMixin
from content.spaces.forms import SpaceSelect, known_space_key
from content.taxonomy.models import localized


class SpaceIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["content_core.HomePage"]
    subpage_types = ["content_spaces.SpacePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Spazi WeMi index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["spaces"] = SpacePage.objects.child_of(self).live().public().order_by("title")
        return context


class SpacePage(FactsFromSourceMixin, Page):
    """A Spazio WeMi: a physical desk for information, orientation and assisted access."""

    # Words.
    intro = models.TextField(_("introduction"), blank=True)
    offers = RichTextField(_("what it offers"), features=["bold", "italic", "link", "ul"])
    accessibility = RichTextField(
        _("accessibility"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    # Facts.
    address = models.CharField(_("address"), max_length=255)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    municipio = models.ForeignKey(
        "content_taxonomy.Zone",
        verbose_name=_("Municipio"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipio", "locale__language_code": "it"},
    )
    quartiere = models.ForeignKey(
        "content_taxonomy.Zone",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "quartiere", "locale__language_code": "it"},
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("offers"),
        FieldPanel("accessibility"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldRowPanel([FieldPanel("municipio"), FieldPanel("quartiere")]),
                FieldPanel("step_free_access"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contacts")),
        InlinePanel("opening_hours", label=_("Opening hours")),
    ]
    # wagtail-localize translates the words; where, when and how to reach the Spazio are
    # copied from the Italian page and a translator cannot override them.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "address",
            "postcode",
            "municipio",
            "quartiere",
            "phone",
            "email",
            "step_free_access",
            "opening_hours",
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("offers"),
        index.SearchField("address"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("offers"),
        APIField("accessibility"),
        APIField("address"),
        APIField("postcode"),
        APIField("municipio_id"),
        APIField("phone"),
        APIField("email"),
        APIField("step_free_access"),
        APIField("opening_hours"),
    ]

    parent_page_types = ["content_spaces.SpaceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Spazio WeMi")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        source = self.facts_source
        context["facts"] = source
        context["municipio"] = localized([source.municipio])[0]
        context["quartiere"] = localized([source.quartiere])[0] if source.quartiere else None
        context["opening_hours"] = source.opening_hours.all()
        return context


class OpeningHours(Orderable):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    page = ParentalKey(SpacePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]
    api_fields = [APIField("weekday"), APIField("opens"), APIField("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")


class SpaceOperator(models.Model):
    """A person who works at the desk of one Spazio WeMi (see ``content.spaces.operators``).

    ``space_key`` is the ``translation_key`` of the Spazio's page, so one row covers the
    Spazio in every language. A person may serve several Spazi (one row each).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="space_operator_roles",
    )
    space_key = models.UUIDField(_("Spazio WeMi"), db_index=True, validators=[known_space_key])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("space_key", widget=SpaceSelect)]

    class Meta:
        verbose_name = _("Spazio operator")
        verbose_name_plural = _("Spazio operators")
        constraints = [
            models.UniqueConstraint(fields=["user", "space_key"], name="space_operator_unique")
        ]

    def __str__(self):
        return f"{self.user} @ {self.space_key}"
