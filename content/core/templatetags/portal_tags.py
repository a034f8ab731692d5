"""Navigation for the portal's templates: the home page and the main menu, per language."""

from django import template
from django.utils.translation import get_language

from ..content_cache import cached, memoized, site_for_request

register = template.Library()

# Designers Italia "modello Comuni" marks the four sections of a municipal main menu with these
# data-element values (pa-website-validator, src/storage/municipality/menuItems.ts,
# primaryMenuItems.*.data_element). WeMi's sections take the place of the model's that play the
# same part on a welfare portal (decision 0018): the accredited providers ("Enti e fondazioni"
# of Amministrazione) -> "management", the news -> "news", the services -> "all-services", the
# Spazi WeMi, the places of the welfare network ("Luoghi" of Vivere il Comune) -> "live".
# Any other item of the menu (the guides) is "custom-submenu".
MENU_DATA_ELEMENTS = {
    "ProviderIndexPage": "management",
    "NewsIndexPage": "news",
    "ServiceIndexPage": "all-services",
    "SpaceIndexPage": "live",
}


def _home(context):
    """The home page, looked up once per request (header, footer and 404 all use it)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_wemi_home"):
        site = site_for_request(request)
        request._wemi_home = (
            memoized("home", lambda: site.root_page.localized.specific, site.pk, get_language())
            if site
            else None
        )
    return request._wemi_home


def _menu_item(child, request):
    url = child.get_url(request)
    model = child.specific_class
    item = {
        "title": child.title,
        "url": url,
        "path": child.path,
        "data_element": MENU_DATA_ELEMENTS.get(model.__name__, "custom-submenu"),
    }
    if model.__name__ == "ServiceIndexPage":
        item["topics_url"] = url + model().reverse_subpage("topics")
    return item


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the active language (the default-language one if not translated)."""
    return _home(context)


@register.simple_tag(takes_context=True)
def all_topics_url(context):
    """Address of the topics page (Designers Italia "all-topics") of the menu's service index,
    or ``""`` when the menu has none. Uses the menu already looked up for the request."""
    for item in main_menu(context):
        if item.get("topics_url"):
            return item["topics_url"]
    return ""


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children shown in menus, with the current section marked active."""
    home = _home(context)
    if home is None:
        return []
    request = context["request"]
    if not hasattr(request, "_wemi_menu"):
        # Once per publish (the items of every language's home page), not per request.
        request._wemi_menu = cached(
            "main-menu",
            lambda: [
                _menu_item(child, request)
                for child in home.get_children().live().public().in_menu()
            ],
            home.pk,
            request.get_host(),
        )
    current = context.get("page")
    return [
        {**item, "active": bool(current and current.path.startswith(item["path"]))}
        for item in request._wemi_menu
    ]


@register.simple_tag(takes_context=True)
def main_menu_section(context):
    """The path of the main menu's item the current page is in (``""`` if none): the header's
    navigation is the same for every page of a section."""
    for item in main_menu(context):
        if item["active"]:
            return item["path"]
    return ""
