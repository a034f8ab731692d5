from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Need, Zone


class NeedViewSet(SnippetViewSet):
    model = Need
    icon = "tag"
    list_display = ["name", "parent", "slug", "locale"]
    list_filter = ["parent", "locale"]
    search_fields = ["name"]


class ZoneViewSet(SnippetViewSet):
    model = Zone
    icon = "site"
    list_display = ["name", "kind", "parent", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (NeedViewSet, ZoneViewSet, AudienceViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
