"""A page's view restrictions hold for its whole family: its translations and its aliases.

Wagtail keeps view restrictions (private to logged-in users, password, groups) per page row.
An alias or a translation in another language is another row: Wagtail copies the source's
restrictions when it creates an alias, wagtail-localize when it publishes a translation, and
nobody afterwards. A restriction added to the Italian page later left its aliases public
(the API, the search index, the provider's listing all read ``.public()`` of their own row).

Here every change to a page's own restrictions (saved, groups changed, deleted) is copied to
the other members of its family (:func:`page_family`), in any direction: the family always
carries one set of restrictions. Restrictions that are inherited from an ancestor need no copy:
the ancestor's family is synchronised, and each translated descendant sits under it.

Other apps listen to :data:`view_restrictions_changed` (sent once per changed page, after the
copies) to refresh what they derive from pages: the search index (``search.signals``), the
caching proxy (:mod:`content.core.frontend_cache`).
"""

import threading

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction

# Sent with ``page`` (the page whose own restrictions changed) for the page and every family
# member that was changed to match it.
view_restrictions_changed = Signal()

_state = threading.local()


def _busy():
    return getattr(_state, "syncing", False)


def _deleting():
    return _state.__dict__.setdefault("deleting", set())


def page_family(page):
    """Every other page that shows ``page`` in some language or place: pages sharing its
    translation key (translations and aliases in other languages), aliases of any of those
    (an alias in the same language has a key of its own) and the pages they alias.
    Returns a list of ``Page`` (not specific), without ``page`` itself."""
    ids = {page.pk}
    keys = {page.translation_key}
    while True:
        rows = Page.objects.filter(translation_key__in=keys) | Page.objects.filter(
            alias_of__in=ids
        )
        if page.alias_of_id:
            rows = rows | Page.objects.filter(pk=page.alias_of_id)
        found = list(rows.values_list("pk", "translation_key", "alias_of_id"))
        new_ids = {pk for pk, _key, _alias in found} | {a for _pk, _key, a in found if a}
        new_keys = {key for _pk, key, _alias in found}
        if new_ids <= ids and new_keys <= keys:
            break
        ids |= new_ids
        keys |= new_keys
    return list(Page.objects.filter(pk__in=ids - {page.pk}).order_by("path"))


def restriction_signature(page):
    """The page's own restrictions as comparable data: a sorted tuple of
    ``(restriction type, password, sorted group ids)``."""
    return tuple(
        sorted(
            (
                restriction.restriction_type,
                restriction.password,
                tuple(sorted(group.pk for group in restriction.groups.all())),
            )
            for restriction in PageViewRestriction.objects.filter(page=page).prefetch_related(
                "groups"
            )
        )
    )


def copy_view_restrictions(page, user=None):
    """Give every member of ``page``'s family the same own restrictions as ``page`` (none if it
    has none). Members that already match are left alone. Returns the changed members."""
    wanted = restriction_signature(page)
    changed = []
    previous, _state.syncing = _busy(), True
    try:
        for member in page_family(page):
            if member.pk in _deleting() or restriction_signature(member) == wanted:
                continue
            for restriction in PageViewRestriction.objects.filter(page=member):
                restriction.delete(user=user)
            for restriction_type, password, group_ids in wanted:
                copy = PageViewRestriction(
                    page=member, restriction_type=restriction_type, password=password
                )
                copy.save(user=user)
                copy.groups.set(group_ids)
            changed.append(member)
    finally:
        _state.syncing = previous
    for member in [page, *changed]:
        view_restrictions_changed.send(sender=Page, page=member)
    return changed


def _restriction_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or _busy() or instance.page_id in _deleting():
        return
    if created and instance.restriction_type == PageViewRestriction.GROUPS:
        return  # its groups come next (``groups.set``): copied then, whole
    copy_view_restrictions(instance.page)


def _restriction_groups_changed(sender, instance, action, reverse=False, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or _busy():
        return
    restrictions = (
        [instance]
        if not reverse
        else PageViewRestriction.objects.filter(pk__in=kwargs.get("pk_set") or ())
    )
    for restriction in restrictions:
        if restriction.page_id not in _deleting():
            copy_view_restrictions(restriction.page)


def _restriction_deleted(sender, instance, **kwargs):
    if _busy() or instance.page_id in _deleting():
        return  # a page being deleted takes its restrictions along, not its family's
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        copy_view_restrictions(page)


def _page_about_to_be_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _deleting().add(instance.pk)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _deleting().discard(instance.pk)


def connect():
    post_save.connect(
        _restriction_saved, sender=PageViewRestriction, dispatch_uid="restrictions_saved"
    )
    post_delete.connect(
        _restriction_deleted, sender=PageViewRestriction, dispatch_uid="restrictions_deleted"
    )
    m2m_changed.connect(
        _restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="restrictions_groups",
    )
    pre_delete.connect(_page_about_to_be_deleted, dispatch_uid="restrictions_page_deleting")
    post_delete.connect(_page_deleted, dispatch_uid="restrictions_page_deleted")
