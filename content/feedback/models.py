"""Page feedback (Designers Italia C.SI.2.5/2.6), problem reports and the footer's links.

A *rating* says how clear a page is (1-5 stars), then why (a follow-up answer whose options
depend on whether the rating is positive or negative), then optional free text.
A *problem report* says what is wrong with a listing (address, phone, hours, price...).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

STARS = range(1, 6)
# Ratings above this are positive (the Designers Italia model's threshold).
POSITIVE_THRESHOLD = 3
COMMENT_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 1000

# Follow-up answers, as the Designers Italia model words them.
POSITIVE_ANSWERS = [
    ("clear", _("The instructions were clear")),
    ("complete", _("The instructions were complete")),
    ("on_track", _("I always knew I was doing the right thing")),
    ("no_technical_problems", _("I had no technical problems")),
    ("other_positive", _("Other")),
]
NEGATIVE_ANSWERS = [
    ("unclear", _("Sometimes the instructions were not clear")),
    ("incomplete", _("Sometimes the instructions were not complete")),
    ("lost", _("Sometimes I did not know if I was doing the right thing")),
    ("technical_problems", _("I had technical problems")),
    ("other_negative", _("Other")),
]


def is_positive(stars):
    """Whether a star rating counts as positive (4-5) rather than negative (1-3)."""
    return stars > POSITIVE_THRESHOLD


def follow_up_answers_for(stars):
    """The follow-up answers that may go with a rating of ``stars``."""
    return POSITIVE_ANSWERS if is_positive(stars) else NEGATIVE_ANSWERS


class PageRating(models.Model):
    """How clear one visitor found one page."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE,
        related_name="feedback_ratings",
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), choices=[(value, str(value)) for value in STARS]
    )
    answer = models.CharField(
        _("follow-up answer"), max_length=32, blank=True,
        choices=POSITIVE_ANSWERS + NEGATIVE_ANSWERS,
    )
    comment = models.CharField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("page rating")
        verbose_name_plural = _("page ratings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="feedback_rating_stars_1_5"
            )
        ]

    def __str__(self):
        return f"{self.page} – {self.stars}/5"

    @property
    def is_positive(self):
        return is_positive(self.stars)


class ProblemReport(models.Model):
    """A visitor's report that something in a listing is wrong, until staff handle it."""

    class Kind(models.TextChoices):
        ADDRESS = "address", _("Wrong address")
        PHONE = "phone", _("Wrong phone number or email")
        HOURS = "hours", _("Wrong opening hours or times")
        PRICE = "price", _("Wrong price")
        DISCONTINUED = "discontinued", _("The service is no longer offered")
        OTHER = "other", _("Other problem")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE,
        related_name="problem_reports", null=True, blank=True,
        help_text=_("Empty for a report about the site or a service in general."),
    )
    kind = models.CharField(_("problem"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX_LENGTH)
    email = models.EmailField(_("email for a reply"), blank=True)
    language = models.CharField(_("language"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    handled = models.BooleanField(_("handled"), default=False, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["handled", "-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.page or _('general')}"

    def mark_handled(self, user):
        self.handled = True
        self.handled_by = user
        self.handled_at = timezone.now()
        self.save(update_fields=["handled", "handled_by", "handled_at"])

    def reopen(self):
        self.handled = False
        self.handled_by = None
        self.handled_at = None
        self.save(update_fields=["handled", "handled_by", "handled_at"])


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """The footer's links (Designers Italia C.SI.2.3, 2.4, 3.2, 3.3, 3.4), chosen by editors.

    Each link is a page of the site; the footer shows it in the reader's language and leaves
    it out while it is not chosen or not live.
    """

    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("accessibility statement"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    accessibility_statement_url = models.URLField(
        _("AgID accessibility statement URL"), blank=True,
        help_text=_("The statement published on form.agid.gov.it; it takes the place of the "
                    "page above when given."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("privacy notice"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    faq_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("frequently asked questions"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    legal_notes_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("legal notes"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=200, blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_statement_url"),
                FieldPanel("privacy_page"),
                FieldPanel("faq_page"),
                FieldPanel("legal_notes_page"),
            ],
            heading=_("Pages"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"),
             FieldPanel("contact_address")],
            heading=_("Contacts"),
        ),
    ]

    class Meta:
        verbose_name = _("footer")
