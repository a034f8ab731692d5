from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "content.feedback"
    label = "content_feedback"
    verbose_name = _("Page feedback and problem reports")
    default_auto_field = "django.db.models.BigAutoField"
