"""Uploaded documents and images stay private until a published page uses them (decision 0010).

Wagtail protects documents by *collection*: a ``CollectionViewRestriction`` on a collection
(and its descendants) makes Wagtail's document view refuse whoever does not pass it.

- Each provider uploads into its own collection, which is **private** to the Comune editors
  and that provider's staff (:func:`make_private`, from ``ensure_provider_staff_group``).
- When a page is published, the documents and images it uses that sit in a private upload
  collection move to that collection's **public counterpart** (":func:`public_counterpart`",
  a sibling named "<name> (published)", where the same groups may change and choose them but
  not upload): :func:`publish_media_of`, on ``page_published``.
- The API lists documents and images of public collections only (``config.api``), and
  Wagtail's document view refuses anonymous downloads from private ones.
- Image files (originals and renditions) on disk are served through the same collection
  restrictions by :mod:`content.core.image_files`.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    ReferenceIndex,
)

from .roles import EDITORS_GROUP

PUBLISHED_SUFFIX = " (published)"
# Permissions the groups of a private collection get on its public counterpart: no upload.
COUNTERPART_PERMISSIONS = ("change_image", "choose_image", "change_document", "choose_document")


def make_private(collection, groups=()):
    """Restrict ``collection`` (and its descendants) to the Comune editors and ``groups``.
    Idempotent; returns the restriction."""
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.save()
    editors = Group.objects.filter(name=EDITORS_GROUP)
    restriction.groups.add(*editors, *groups)
    return restriction


def restricted_collection_paths():
    """Paths of the collections that carry a view restriction themselves."""
    return set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def public_collections():
    """Collections neither restricted nor below a restricted one (a queryset)."""
    paths = restricted_collection_paths()
    private_ids = [
        pk
        for pk, path in Collection.objects.values_list("pk", "path")
        if any(path.startswith(prefix) for prefix in paths)
    ]
    return Collection.objects.exclude(pk__in=private_ids)


def is_private(collection):
    return collection.get_view_restrictions().exists()


@transaction.atomic
def public_counterpart(collection):
    """The public sibling of a private upload collection, created (with the private
    collection's groups allowed to change and choose, not to add) if missing."""
    name = f"{collection.name}{PUBLISHED_SUFFIX}"[:255]
    parent = collection.get_parent() or Collection.get_first_root_node()
    counterpart = parent.get_children().filter(name=name).first()
    if counterpart is None:
        counterpart = parent.add_child(name=name)
    for permission in GroupCollectionPermission.objects.filter(
        collection=collection, permission__codename__in=COUNTERPART_PERMISSIONS
    ):
        GroupCollectionPermission.objects.get_or_create(
            group_id=permission.group_id,
            collection=counterpart,
            permission_id=permission.permission_id,
        )
    return counterpart


def media_used_by(page):
    """The documents and images ``page`` refers to (its fields, rich text and blocks), from
    Wagtail's reference index brought up to date for the page first."""
    page = page.specific
    ReferenceIndex.create_or_update_for_object(page)
    used = []
    for model in (get_document_model(), get_image_model()):
        content_type = ReferenceIndex._get_base_content_type(model)
        ids = ReferenceIndex.get_references_for_object(page).filter(
            to_content_type=content_type
        ).values_list("to_object_id", flat=True)
        used += list(model.objects.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()]))
    return used


def publish_media(items):
    """Move those of ``items`` (documents, images) that sit in a private collection to its
    public counterpart. Returns the moved items."""
    moved = []
    counterparts = {}
    for item in items:
        collection = item.collection
        if not is_private(collection):
            continue
        restricted = collection.get_view_restrictions().order_by("-collection__depth").first()
        owner = restricted.collection  # the private upload collection itself
        if owner.pk not in counterparts:
            counterparts[owner.pk] = public_counterpart(owner)
        item.collection = counterparts[owner.pk]
        item.save(update_fields=["collection"])
        moved.append(item)
    return moved


def publish_media_of(sender, instance, **kwargs):
    """``page_published``: what the published page shows becomes public."""
    return publish_media(media_used_by(instance))
