from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "marketplace.documents"
    label = "marketplace_documents"
    verbose_name = _("Documents")
