from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PriceBand


class PriceBandViewSet(SnippetViewSet):
    """The Comune's price bands for the search's price facet (Snippets > Price bands)."""

    model = PriceBand
    icon = "euro"
    menu_label = _("Price bands")
    list_display = ["label", "sort_order"]
    ordering = ["sort_order", "up_to"]


register_snippet(PriceBandViewSet)
