"""Navigation for the portal's templates: the home page, main menu and footer links, per language."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


def _home(context):
    request = context.get("request")
    if request is None:
        return None
    if "_wemi_home" not in context.render_context:
        site = Site.find_for_request(request)
        home = site.root_page.localized.specific if site else None
        context.render_context["_wemi_home"] = home
    return context.render_context["_wemi_home"]


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
    if "_wemi_menu" in context.render_context:
        return context.render_context["_wemi_menu"]
    current = context.get("page")
    items = []
    for child in home.get_children().live().public().in_menu().specific():
        active = bool(current and current.path.startswith(child.path))
        items.append({"title": child.title, "url": child.get_url(context["request"]),
                      "active": active})
    context.render_context["_wemi_menu"] = items
    return items


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Guides under the home page that are not in the main menu (FAQ, accessibility...)."""
    home = _home(context)
    if home is None:
        return []
    from content.core.models import StandardPage

    pages = Page.objects.child_of(home).live().public().not_in_menu().type(StandardPage)
    return [{"title": page.title, "url": page.get_url(context["request"])} for page in pages]
