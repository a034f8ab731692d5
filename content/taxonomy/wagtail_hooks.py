from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Need, Topic, Zone

# The listings search Wagtail's index of each model (TaxonomyTerm.search_fields: the name,
# also as you type). No ``search_fields`` on the viewsets: Wagtail would then search those
# fields by name, which its SQLite backend reads as columns of its own full-text table
# ("no such column: name", a 500 for any query).


class NeedViewSet(SnippetViewSet):
    model = Need
    icon = "tag"
    list_display = ["name", "parent", "slug", "locale"]
    list_filter = ["parent", "locale"]


class ZoneViewSet(SnippetViewSet):
    model = Zone
    icon = "site"
    list_display = ["name", "kind", "parent", "locale"]
    list_filter = ["kind", "locale"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (NeedViewSet, ZoneViewSet, AudienceViewSet, TopicViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
