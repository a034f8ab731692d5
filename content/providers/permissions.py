"""Provider staff rights: one Wagtail group per provider, edit (not publish) on its subtree."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from content.core.uploads import make_private

PAGE_PERMISSIONS = ["add_page", "change_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def staff_group_name(page):
    return f"Provider {page.pk}: {page.title}"[:150]


@transaction.atomic
def ensure_provider_staff_group(page):
    """Create (or repair) the provider's staff group and its permissions. Idempotent."""
    group = page.staff_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=staff_group_name(page))
        type(page).objects.filter(pk=page.pk).update(staff_group=group)
        page.staff_group = group

    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                 codename="access_admin"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                              codename=codename),
        )

    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=page.title).first()
    if collection is None:
        collection = root_collection.add_child(name=page.title)
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label,
                                              codename=codename),
        )
    # Uploads stay private to the Comune and the provider until a published page uses them.
    make_private(collection, [group])
    return group


def provider_pages_for(user):
    """The (default-language) provider pages whose staff group the user belongs to."""
    from .models import ProviderPage

    if not user.is_authenticated:
        return ProviderPage.objects.none()
    return ProviderPage.objects.filter(staff_group__in=user.groups.all())
