"""Taxonomy snippets: needs (category > need), zones (Municipio > quartiere), audiences,
topics (the Designers Italia model's controlled vocabulary, from EuroVoc).

Rows are translatable: facts always reference the default-language row, and templates show
its name in the reader's language through :func:`localized`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index


class TaxonomyQuerySet(models.QuerySet):
    def in_default_locale(self):
        return self.filter(locale=Locale.get_default())


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Need(TaxonomyTerm):
    """A need a citizen has. Top-level rows (no parent) are need categories."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Leave empty to make this a need category."),
    )
    description = models.TextField(_("description"), blank=True)
    icon = models.CharField(
        _("icon"), max_length=60, blank=True, help_text=_("Bootstrap Italia icon name.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_need_slug_per_locale")
        ]

    @property
    def is_category(self):
        return self.parent_id is None


class Zone(TaxonomyTerm):
    """An area of the city: a Municipio, or a quartiere inside one."""

    class Kind(models.TextChoices):
        MUNICIPIO = "municipio", _("Municipio")
        QUARTIERE = "quartiere", _("Neighbourhood")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("Municipio number.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Municipio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"kind": "municipio"},
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("number"),
        FieldPanel("parent"),
        FieldPanel("sort_order"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_zone_slug_per_locale")
        ]


class Audience(TaxonomyTerm):
    """Who a service is for (elderly people, people with disabilities, families...)."""

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_audience_slug_per_locale"
            )
        ]


class Topic(TaxonomyTerm):
    """A topic ("argomento") of the Designers Italia model's controlled vocabulary (itself
    drawn from EuroVoc), e.g. "Assistenza sociale": the Italian name must be the model's own
    word for word (criterion C.SI.1.5); other languages translate it."""

    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_topic_slug_per_locale")
        ]


def localized(terms, locale=None):
    """Return the given default-language terms in ``locale`` (the active one by default),
    without a query (each language's terms are kept per publish).

    Terms without a translation in that locale are returned as they are.
    """
    terms = list(terms)
    if not terms:
        return terms
    locale = locale or Locale.get_active()
    model = type(terms[0])
    if all(term.locale_id == locale.pk for term in terms):
        return terms
    translations = _translations(model, locale)
    return [translations.get(term.translation_key, term) for term in terms]


def _translations(model, locale):
    """``{translation key: term}`` of every ``model`` term in ``locale``: a few hundred rows,
    loaded once per publish (any save of a term bumps the content version)."""
    from content.core.content_cache import memoized

    return memoized(
        "taxonomy",
        lambda: {term.translation_key: term for term in model.objects.filter(locale=locale)},
        model._meta.label_lower,
        locale.pk,
    )
