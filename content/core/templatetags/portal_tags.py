"""Navigation for the portal's templates: the home page and the main menu, per language."""

from django import template
from django.utils.translation import get_language

from ..content_cache import cached, memoized, site_for_request

register = template.Library()

# Designers Italia "modello Comuni" marks the main menu's items with these data-element values;
# items beyond the model's sections are "custom-submenu".
MENU_DATA_ELEMENTS = {"ServiceIndexPage": "all-services", "NewsIndexPage": "news"}


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


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the active language (the default-language one if not translated)."""
    return _home(context)


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
                {
                    "title": child.title,
                    "url": child.get_url(request),
                    "path": child.path,
                    "data_element": MENU_DATA_ELEMENTS.get(
                        child.specific_class.__name__, "custom-submenu"
                    ),
                }
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
