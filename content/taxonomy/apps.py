from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "content.taxonomy"
    label = "content_taxonomy"
    verbose_name = _("Taxonomy")
