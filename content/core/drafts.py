"""Content the Comune has not approved stays with its authors and the Comune editors.

wagtail-localize aliases a page into every synchronised language as soon as it is *created*
in the admin (its ``after_create_page`` hook), so a provider's first draft appeared at once in
the English, Arabic... trees, where the Comune translators could open, edit, move, copy and
delete it and read its title in the admin search and the site history.

Here (decision 0010):

- that hook is unregistered (:func:`stop_aliasing_drafts`, from ``AppConfig.ready``); a page is
  aliased into the other languages when it is first *published* (:func:`alias_on_publish`),
  i.e. when the Comune approves it or an editor publishes it; the trees synchronised in code
  (demo seeder, tests: ``content.core.languages``) alias live pages only
  (:func:`live_page_index`);
- translators work on live pages only (:func:`translator_may_work_on`): the admin hooks refuse
  them the edit, delete, move and copy views of a page that is not live and leave such pages
  out of their explorer listings;
- :func:`remove_draft_aliases` deletes the aliases that older databases already hold of pages
  never published (``manage.py secure_content``).
"""

from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail_localize.synctree import PageIndex

from .roles import EDITORS_GROUP, TRANSLATORS_GROUP


def stop_aliasing_drafts():
    """Unregister wagtail-localize's ``after_create_page`` hook (aliases at creation).

    Called from ``AppConfig.ready``: importing ``synctree`` registers the hook, once; Wagtail's
    later import of ``wagtail_localize.wagtail_hooks`` finds the module imported already."""
    from wagtail_localize import synctree

    registered = hooks._hooks.get("after_create_page", [])
    registered[:] = [entry for entry in registered if entry[0] is not synctree.after_create_page]


def synchronised_locales(page):
    """The locales that are synchronised from ``page``'s locale (wagtail-localize)."""
    from wagtail_localize.models import LocaleSynchronization

    return Locale.objects.filter(
        pk__in=LocaleSynchronization.objects.filter(sync_from_id=page.locale_id).values(
            "locale_id"
        )
    )


def alias_on_publish(sender, instance, **kwargs):
    """A published page gets an alias in every synchronised language whose tree holds its
    parent (language trees are built by ``synchronise_language_trees``) and has no copy of it
    yet; so do its live descendants that waited for it. Aliases of live pages are live.
    Returns the new aliases."""
    page = instance
    if page.alias_of_id or page.depth < 3:
        return []
    created = []
    locales = list(synchronised_locales(page))
    if not locales:
        return created
    for member in [page, *page.get_descendants().live().filter(alias_of__isnull=True)]:
        parent = member.get_parent()
        for locale in locales:
            if Page.objects.filter(translation_key=member.translation_key, locale=locale).exists():
                continue
            if not Page.objects.filter(
                translation_key=parent.translation_key, locale=locale
            ).exists():
                continue  # that language's tree does not reach here (yet)
            created.append(member.specific.copy_for_translation(locale, alias=True))
    return created


def live_page_index():
    """wagtail-localize's page index of the live source pages only (what may be aliased)."""
    pages = Page.objects.filter(alias_of__isnull=True, depth__gt=1, live=True).only(
        *PageIndex.Entry.REQUIRED_PAGE_FIELDS
    )
    return PageIndex([PageIndex.Entry.from_page_instance(page) for page in pages])


def remove_draft_aliases():
    """Delete the aliases of pages never published (with nothing live below them). Returns
    how many aliases were deleted."""
    deleted = 0
    aliases = Page.objects.filter(
        alias_of__isnull=False, alias_of__first_published_at__isnull=True, live=False
    ).order_by("-depth")
    for alias in aliases:
        alias = Page.objects.filter(pk=alias.pk).first()  # a deeper one may have taken it along
        if alias is None or alias.get_descendants().filter(live=True).exists():
            continue
        deleted += 1 + alias.get_descendants().count()
        alias.delete()
    return deleted


def is_translator_only(user):
    """A Comune translator who is neither an editor nor a superuser."""
    if not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS_GROUP in names and EDITORS_GROUP not in names


def translator_may_work_on(user, page):
    """Translators work on live content: not on drafts nor on unpublished pages, in any
    language. Everybody else is governed by Wagtail's page permissions alone."""
    return page.live or not is_translator_only(user)
