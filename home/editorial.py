"""Who may do what: the editorial roles of each department and the sections they work in.

Every department has four groups (contributors, editorial reviewers, translators, approvers) with
Wagtail page permissions on its own sections only, and a two-step workflow (editorial review,
then the leaders' approval) on those sections. The editorial office's workflow is also on the
tree root, so every page of the site is under some workflow. The groups and workflows are
created by a data migration; a section page created later is given to its department as soon
as it is saved (see `bind_new_section`).

Each department also has a collection for its images and documents: its roles upload, choose
and edit there (translators only the other languages' descriptions of images they did not
upload, see `can_write_image_source`), and nowhere else. The site administrators manage every
collection.

The functions take an app registry, so the migration runs them on historical models.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db.models.signals import post_save
from wagtail.models import Collection, GroupCollectionPermission, PagePermissionTester

SOURCE_PERMISSION = ("wagtailcore", "page", "write_source_text", "Can write the source text and facts of pages")
ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
MEDIA_APPS = {"image": "wagtailimages", "document": "wagtaildocs", "collection": "wagtailcore"}


def media_permission_spec(codename):
    """Wagtail checks images' and documents' permissions on its own models, whichever the image model."""
    action, model = codename.split("_")
    return (MEDIA_APPS[model], model, codename, f"Can {action} {model}")


# The plan tracker's first migration gives its groups the documents ([2:]) on the root collection.
MEDIA_PERMISSIONS = [media_permission_spec(c) for c in ("add_image", "choose_image", "add_document", "choose_document")]
WRITER_MEDIA = ("add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document")
# Translators change images (their form keeps them to the other languages) but not others' documents.
TRANSLATOR_MEDIA = ("add_image", "change_image", "choose_image", "add_document", "choose_document")


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    page_permissions: tuple
    writes_source: bool = True
    media_permissions: tuple = WRITER_MEDIA  # codenames, on the department's collection


@dataclass(frozen=True)
class Department:
    key: str
    name: str
    sections: tuple  # page models ("app_label.ModelName") that are this department's sections


ROLES = (
    Role("contributors", "Người viết bài", ("add", "change")),
    Role("reviewers", "Biên tập viên", ("add", "change", "lock", "unlock")),
    Role("translators", "Biên dịch viên", ("change",), writes_source=False, media_permissions=TRANSLATOR_MEDIA),
    Role("approvers", "Lãnh đạo duyệt", ("add", "change", "publish", "bulk_delete", "lock", "unlock")),
)
ROLE = {role.key: role for role in ROLES}

EDITORIAL_OFFICE = "editorial"
DEPARTMENTS = (
    Department(
        EDITORIAL_OFFICE,
        "Ban Biên tập Cổng thông tin",
        ("news.ArticleIndexPage", "promotion.PublicationIndexPage", "library.DocumentIndexPage"),
    ),
    Department(
        "tourism", "Sở Văn hóa, Thể thao và Du lịch", ("promotion.DestinationIndexPage", "promotion.EventIndexPage")
    ),
    Department("investment", "Sở Kế hoạch và Đầu tư", ("promotion.InvestmentIndexPage",)),
    Department("trade", "Sở Công Thương", ("promotion.ProductIndexPage",)),
)
DEPARTMENT = {department.key: department for department in DEPARTMENTS}

SITE_ADMINISTRATORS = "Quản trị hệ thống"
SITE_ADMIN_PERMISSIONS = [
    ("auth", "user", "add_user", "Can add user"),
    ("auth", "user", "change_user", "Can change user"),
    ("auth", "user", "delete_user", "Can delete user"),
    ("auth", "group", "add_group", "Can add group"),
    ("auth", "group", "change_group", "Can change group"),
    ("home", "portalsettings", "change_portalsettings", "Can change portal settings"),
    ("wagtailcore", "workflow", "add_workflow", "Can add workflow"),
    ("wagtailcore", "workflow", "change_workflow", "Can change workflow"),
    ("wagtailcore", "task", "add_task", "Can add task"),
    ("wagtailcore", "task", "change_task", "Can change task"),
    ("wagtailredirects", "redirect", "add_redirect", "Can add redirect"),
    ("wagtailredirects", "redirect", "change_redirect", "Can change redirect"),
    ("wagtailredirects", "redirect", "delete_redirect", "Can delete redirect"),
]
SITE_ADMIN_MEDIA = (*WRITER_MEDIA, "add_collection", "change_collection", "delete_collection")  # on the root
STEPS = (("reviewers", "Biên tập"), ("approvers", "Lãnh đạo duyệt"))


def group_name(department, role):
    return f"{department.name}: {role.name}"


def workflow_name(department):
    return f"Quy trình duyệt hai bước: {department.name}"


def media_collection_name(department):
    return department.name


def can_write_source(user, page=None):
    """Translators change only the other languages' text; everyone else with edit rights writes the source.

    On a page, the permission must come from a group that has page permissions there: a
    translator of one department who contributes to another writes only in the latter.
    """
    app_label, _model, codename, _name = SOURCE_PERMISSION
    if user.is_superuser:
        return True
    if page is None or not page.path:
        return user.has_perm(f"{app_label}.{codename}")
    from wagtail.models import GroupPagePermission

    ancestors = [page.path[: depth * page.steplen] for depth in range(1, page.depth + 1)]
    return GroupPagePermission.objects.filter(
        group__user=user,
        page__path__in=ancestors,
        group__permissions__content_type__app_label=app_label,
        group__permissions__codename=codename,
    ).exists()


def can_write_image_source(user, image):
    """Like `can_write_source`, for an image: its uploader, or a source writer who may change its collection."""
    if user.is_superuser or image.pk is None or image.uploaded_by_user_id == user.pk:
        return True
    app_label, _model, codename, _name = SOURCE_PERMISSION
    image_app, _model, change_image, _name = media_permission_spec("change_image")
    return GroupCollectionPermission.objects.filter(
        group__user=user,
        collection__in=image.collection.get_ancestors(inclusive=True),
        permission__content_type__app_label=image_app,
        permission__codename=change_image,
        group__permissions__content_type__app_label=app_label,
        group__permissions__codename=codename,
    ).exists()


def get_permission(apps, app_label, model, codename, name):
    """The permission, created if the post_migrate signal has not made it yet (as on a fresh database)."""
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def page_permission(apps, action):
    return get_permission(apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page")


def create_roles(apps):
    """The groups, tasks, workflows and media collections of every department, and the site administrators' group."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    def make_group(name, permissions):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(get_permission(apps, *ADMIN_ACCESS), *permissions)
        return group

    source = get_permission(apps, *SOURCE_PERMISSION)
    for department in DEPARTMENTS:
        for role in ROLES:
            make_group(group_name(department, role), [source] if role.writes_source else [])
        create_workflow(apps, department)

    admin_permissions = [get_permission(apps, *spec) for spec in SITE_ADMIN_PERMISSIONS]
    admins = make_group(SITE_ADMINISTRATORS, [source, *admin_permissions])
    root = Page.objects.filter(depth=1).first()
    if root:
        for action in ROLE["approvers"].page_permissions:
            GroupPagePermission.objects.get_or_create(group=admins, page=root, permission=page_permission(apps, action))
        replace_default_workflow(apps, root)
    bind_existing_sections(apps)
    create_media_collections(apps)


def create_media_collections(apps):
    """A collection per department for its roles' images and documents; the site administrators get them all.

    Run again (by a data migration) when a department is added: what exists is left as it is.
    """
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.get(depth=1)

    def grant(group, collection, codenames):
        for codename in codenames:
            permission = get_permission(apps, *media_permission_spec(codename))
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)

    for department in sorted(DEPARTMENTS, key=media_collection_name):
        collection = Collection.objects.filter(
            name=media_collection_name(department), depth=2, path__startswith=root.path
        ).first() or add_child_collection(root, media_collection_name(department))
        for role in ROLES:
            grant(Group.objects.get(name=group_name(department, role)), collection, role.media_permissions)
    grant(Group.objects.get(name=SITE_ADMINISTRATORS), root, SITE_ADMIN_MEDIA)


def add_child_collection(parent, name):
    """Treebeard's `add_child`, which historical models lack: the next materialised path under `parent`."""
    steplen, alphabet = 4, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    siblings = type(parent).objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last = siblings.order_by("-path").first()
    number = int(last.path[-steplen:], len(alphabet)) + 1 if last else 1
    step = ""
    for _ in range(steplen):
        number, digit = divmod(number, len(alphabet))
        step = alphabet[digit] + step
    child = type(parent).objects.create(name=name, path=parent.path + step, depth=parent.depth + 1, numchild=0)
    type(parent).objects.filter(pk=parent.pk).update(numchild=siblings.count())
    return child


def create_workflow(apps, department):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    EditorialApprovalTask = apps.get_model("home", "EditorialApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    task_type = ContentType.objects.get_for_model(EditorialApprovalTask)

    workflow, _ = Workflow.objects.get_or_create(name=workflow_name(department))
    for order, (role_key, step_name) in enumerate(STEPS):
        task, _ = EditorialApprovalTask.objects.get_or_create(
            name=f"{step_name}: {department.name}", defaults={"content_type": task_type}
        )
        task.groups.add(Group.objects.get(name=group_name(department, ROLE[role_key])))
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    return workflow


def ask_first_steps_for_another_approver(apps):
    """Four eyes on the first step of each workflow, not on the later ones, whose first step had them.

    Run by a data migration after `create_workflow` (whose historical models may predate the setting).
    """
    EditorialApprovalTask = apps.get_model("home", "EditorialApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    steps = WorkflowTask.objects.filter(task__in=EditorialApprovalTask.objects.values_list("pk", flat=True))
    for step in steps:
        first = not WorkflowTask.objects.filter(workflow=step.workflow_id, sort_order__lt=step.sort_order).exists()
        EditorialApprovalTask.objects.filter(pk=step.task_id).update(requires_other_approver=first)


def replace_default_workflow(apps, root):
    """Wagtail's own "Moderators approval" gives way to the editorial office's two steps."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Group = apps.get_model("auth", "Group")
    editorial = Workflow.objects.get(name=workflow_name(DEPARTMENT[EDITORIAL_OFFICE]))
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": editorial})
    Workflow.objects.filter(name="Moderators approval").update(active=False)
    Group.objects.filter(name__in=("Moderators", "Editors"), user__isnull=True).delete()


def bind_section(apps, department, page):
    """Give a section page to its department: page permissions for its groups, and its workflow."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for role in ROLES:
        group = Group.objects.get(name=group_name(department, role))
        for action in role.page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=page.pk, permission=page_permission(apps, action)
            )
    workflow = Workflow.objects.get(name=workflow_name(department))
    WorkflowPage.objects.get_or_create(page_id=page.pk, defaults={"workflow": workflow})


def bind_existing_sections(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    for department in DEPARTMENTS:
        for label in department.sections:
            app_label, model = label.lower().split(".")
            content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
            for page in Page.objects.filter(content_type=content_type):
                bind_section(apps, department, page)


def bind_new_section(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        bind_section(global_apps, SECTION_DEPARTMENT[sender._meta.label], instance)


SECTION_DEPARTMENT = {label: department for department in DEPARTMENTS for label in department.sections}


def section_department(model, parent):
    """The department whose section a page of `model` under `parent` is or is in; None outside the sections."""
    if model._meta.label in SECTION_DEPARTMENT:
        return SECTION_DEPARTMENT[model._meta.label]
    by_type = {tuple(label.lower().split(".")): department for label, department in SECTION_DEPARTMENT.items()}
    types = parent.get_ancestors(inclusive=True).values_list("content_type__app_label", "content_type__model")
    return next((by_type[content_type] for content_type in types if content_type in by_type), None)


def media_collection(department):
    """The department's collection of images and documents (None for no department)."""
    if department is None:
        return None
    return Collection.objects.filter(name=media_collection_name(department), depth=2).first()


def connect_signals():
    for label in SECTION_DEPARTMENT:
        post_save.connect(bind_new_section, sender=global_apps.get_model(label), dispatch_uid=f"bind_section:{label}")


class EditorialPermissionTester(PagePermissionTester):
    """Translators may edit a page's other languages, but not delete, move or copy it."""

    def can_delete(self, ignore_bulk=False):
        return can_write_source(self.user, self.page) and super().can_delete(ignore_bulk)

    def can_copy(self):
        return can_write_source(self.user, self.page) and super().can_copy()
