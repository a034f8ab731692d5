"""The Comune's editorial roles and the moderation workflow (see docs/decisions/0002-roles.md).

- "Comune editors": create, edit, publish, move and delete every page; manage the taxonomy
  snippets (needs, zones, audiences), images and documents; approve what providers submit;
  see every page rating and problem report and mark reports handled.
  It is Wagtail's default "Moderators" group, renamed.
- Provider staff: one group per provider (``content.providers.permissions``), edit rights on
  that provider's subtree only, no publishing.
- "Comune translators": edit (never publish) every page of the non-Italian trees, i.e. the
  translations, and submit them to the moderation workflow
  (``content.core.translation_moderation``). Starting a translation and wagtail-localize's
  "Sync translated pages" publish at once, so they stay with the editors.
- "Comune moderation": a workflow with one group-approval task for the Comune editors,
  assigned to the root page so that it covers the home page of every language. Whoever cannot
  publish (provider staff, translators) must submit to it; editors can publish directly.

Every function takes an ``apps`` registry, so a data migration can call it with historical
models and the demo seeder and tests with the live ones. All of it is idempotent.
"""

from django.apps import apps as global_apps
from django.conf import settings

from content.feedback.roles import grant_comune_feedback_permissions

EDITORS_GROUP = "Comune editors"
TRANSLATORS_GROUP = "Comune translators"
WAGTAIL_DEFAULT_MODERATORS_GROUP = "Moderators"
WAGTAIL_DEFAULT_EDITORS_GROUP = "Editors"
WORKFLOW_NAME = "Comune moderation"
TASK_NAME = "Approval by the Comune editors"

EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]
EDITOR_MODEL_PERMISSIONS = {
    "content_taxonomy": ["need", "zone", "audience"],
}
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "delete", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "delete", "choose"]),
]


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_editors_group(apps=global_apps):
    """Return the "Comune editors" group, created from Wagtail's "Moderators" if present."""
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is None:
        group = Group.objects.filter(name=WAGTAIL_DEFAULT_MODERATORS_GROUP).first()
        if group is not None:
            group.name = EDITORS_GROUP
            group.save(update_fields=["name"])
        else:
            group = Group.objects.create(name=EDITORS_GROUP)

    group.permissions.add(_permission(apps, "wagtailadmin", "access_admin"))
    # Editors start translations; wagtail-localize grants it to Wagtail's default groups only.
    group.permissions.add(_permission(apps, "wagtail_localize", "submit_translation"))
    # Every rating and problem report, general ones included, is the Comune's to handle.
    grant_comune_feedback_permissions(group, apps)
    for app_label, model_names in EDITOR_MODEL_PERMISSIONS.items():
        for model_name in model_names:
            for action in ("add", "change", "delete", "view"):
                group.permissions.add(_permission(apps, app_label, f"{action}_{model_name}"))

    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    root = Page.objects.get(depth=1)
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=_permission(apps, "wagtailcore", codename)
        )

    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = Collection.objects.get(depth=1)
    for app_label, model_name, actions in EDITOR_COLLECTION_PERMISSIONS:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(apps, app_label, f"{action}_{model_name}"),
            )
    return group


def ensure_translators_group(apps=global_apps):
    """The "Comune translators" group: admin access and ``change_page`` on the home page of every
    language but Italian, so on every translated page and never on the Italian tree.

    No ``add_page`` (translations are created by starting them, never page by page), no publish,
    no ``submit_translation``. A language's home page appears when its tree is first
    synchronised, after this may have run: ``content.core.signals`` calls this again then.
    """
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _created = Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    group.permissions.add(_permission(apps, "wagtailadmin", "access_admin"))
    change_page = _permission(apps, "wagtailcore", "change_page")
    for home in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=change_page)
    return group


def remove_unused_default_editors_group(apps=global_apps):
    """Wagtail's default "Editors" group may edit every page of the site: a trap once
    providers exist. Drop it while nobody belongs to it."""
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=WAGTAIL_DEFAULT_EDITORS_GROUP, user__isnull=True).delete()


def ensure_moderation_workflow(editors_group, apps=global_apps):
    """The "Comune moderation" workflow, with one approval task for the editors, on the root
    page. Wagtail's default "Moderators approval" workflow and task are reused (renamed)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    task = (
        GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        or GroupApprovalTask.objects.filter(groups=editors_group).first()
    )
    if task is None:
        content_type, _created = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=content_type, active=True
        )
    task.name = TASK_NAME
    task.active = True
    task.save()
    task.groups.set([editors_group])

    workflow = (
        Workflow.objects.filter(name=WORKFLOW_NAME).first()
        or Workflow.objects.filter(workflow_tasks__task=task).first()
    )
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    workflow.name = WORKFLOW_NAME
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    root = Page.objects.get(depth=1)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def setup_roles(apps=global_apps):
    """Create or repair the Comune editors and translators groups and the moderation workflow."""
    editors = ensure_editors_group(apps)
    ensure_translators_group(apps)
    remove_unused_default_editors_group(apps)
    ensure_moderation_workflow(editors, apps)
    return editors


def may_set_comune_facts(user):
    """Whether ``user`` sets the facts the Comune owns (a service's or a provider's
    accreditation): the Comune editors and superusers, not provider staff or translators."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS_GROUP).exists()
