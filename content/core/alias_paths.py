"""Aliases follow their original's slug and place in the tree.

wagtail-localize keeps an alias of every Italian page in every other language tree until it is
translated (decision 0003). Wagtail copies the original's content into its aliases on every
publication (``Page.update_aliases``) but deliberately keeps each alias's own slug and
position (wagtail#7168): after an editor renames ``/it/servizi/badante/`` to
``/it/servizi/badante-a-ore/``, ``/en/servizi/badante-a-ore/`` answered 404 while the English
alias stayed at the old slug; a page moved in code (not through the admin's move view) left its
aliases under the old parent.

Here an alias gets its original's slug when the original is published (``page_published`` with
``alias=True``, which ``update_aliases`` sends for each alias) and follows its original to the
counterpart of the new parent when the original is moved (``post_page_move``). The alias is
saved through ``Page.save``, so the URL paths below it are rewritten and Wagtail's redirects app
records the old URL (``page_slug_changed``): the old address answers a permanent redirect.

Only aliases move: a real translation has its own slug (a translator may translate it) and
keeps it.
"""

import logging

from django.db.models import Subquery
from wagtail.actions.move_page import MovePageAction
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail.signals import page_published, post_page_move

logger = logging.getLogger(__name__)


def language_aliases(original_pk):
    """The aliases that stand for the page ``original_pk`` in the other language trees: same
    translation key, another locale, below the language roots (a language's home page is a
    sibling of the Italian one under the tree root, its slug never shows in a URL). Aliases
    an editor made within one language keep the slug they were given, as Wagtail intends."""
    return (
        Page.objects.filter(alias_of_id=original_pk, depth__gt=2)
        .filter(
            translation_key=Subquery(Page.objects.filter(pk=original_pk).values("translation_key"))
        )
        .exclude(locale_id=Subquery(Page.objects.filter(pk=original_pk).values("locale_id")))
        .select_related("locale")
    )


def follow_original_slug(alias, original_slug):
    """Give ``alias`` its original's slug (``original_slug``), or the first free variant of it
    among the alias's siblings (``slug-1``, ``slug-2``...) when a sibling already has it.
    Returns True when the alias was renamed."""
    parent = alias.get_parent()
    slug = find_available_slug(parent, original_slug, ignore_page_id=alias.pk)
    if slug == alias.slug:
        return False
    alias.slug = slug
    alias.save(clean=False)
    return True


def follow_original_parent(alias, original):
    """Move ``alias`` under the counterpart, in the alias's language, of its original's
    parent (if the alias is not there yet and that counterpart exists). Returns True when
    the alias was moved."""
    original_parent = original.get_parent()
    alias_parent = alias.get_parent()
    if alias_parent.translation_key == original_parent.translation_key:
        return False
    destination = original_parent.get_translation_or_none(alias.locale)
    if destination is None:
        logger.warning(
            "Alias %s (%s) cannot follow page %s: its new parent has no page in that language",
            alias.pk,
            alias.locale.language_code,
            original.pk,
        )
        return False
    slug = find_available_slug(destination, original.slug, ignore_page_id=alias.pk)
    if slug != alias.slug:
        alias.slug = slug
        alias.save(clean=False)
    MovePageAction(alias, destination, pos="last-child").execute(skip_permission_checks=True)
    return True


def align_aliases(original):
    """Bring every alias of ``original`` (and theirs, recursively) to its slug and under the
    counterpart of its parent. Returns the number of aliases changed. For data made before
    this module existed, and for tests."""
    changed = 0
    for alias in language_aliases(original.pk):
        moved = follow_original_parent(alias, original)
        if moved:
            alias.refresh_from_db()
        renamed = follow_original_slug(alias, original.slug)
        changed += moved or renamed
        changed += align_aliases(alias)
    return changed


def align_all_aliases():
    """:func:`align_aliases` for every original page with aliases, from the top of the tree
    down (a parent's aliases move before its children's). Returns the number changed."""
    originals = Page.objects.filter(
        pk__in=Page.objects.filter(alias_of__isnull=False).values("alias_of")
    ).order_by("path")
    return sum(align_aliases(original) for original in originals)


def alias_published(sender, instance, alias=False, **kwargs):
    """``update_aliases`` has copied the original into this alias and published it, keeping
    the alias's old slug: give it the original's."""
    if not alias or instance.alias_of_id is None or instance.depth <= 2:
        return
    original = (
        Page.objects.filter(pk=instance.alias_of_id)
        .values("slug", "translation_key", "locale_id")
        .first()
    )
    if (
        original is not None
        and original["slug"] != instance.slug
        and original["translation_key"] == instance.translation_key
        and original["locale_id"] != instance.locale_id
    ):
        follow_original_slug(Page.objects.get(pk=instance.pk), original["slug"])


def original_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """A page with aliases changed parent: its aliases follow it to the new parent's
    counterparts. (A reorder under the same parent changes no URL.)"""
    if parent_page_before.pk == parent_page_after.pk:
        return
    for alias in language_aliases(instance.pk):
        follow_original_parent(alias, instance)


def connect():
    # Connected before the frontend cache and search receivers, so that they see the alias
    # at its new address.
    page_published.connect(alias_published, dispatch_uid="alias_follows_original_slug")
    post_page_move.connect(original_moved, dispatch_uid="alias_follows_original_move")
