"""The plan groups upload their evidence documents into a collection of their own, not anywhere.

The first migration gave them `add_document` on the root collection, so any collection (and every department's)
took their uploads. They keep `choose_document` there: a report's evidence may be any document of the portal.
"""

from django.db import migrations

from home.editorial import add_child_collection, get_permission, media_permission_spec

PLAN_GROUPS = ("Kế hoạch TTĐN: Điều phối", "Kế hoạch TTĐN: Cán bộ đơn vị")
PLAN_COLLECTION = "Kế hoạch thông tin đối ngoại"


def move_uploads(apps, to_plan_collection):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    collection = Collection.objects.filter(name=PLAN_COLLECTION, depth=2, path__startswith=root.path).first()
    if collection is None and to_plan_collection:
        collection = add_child_collection(root, PLAN_COLLECTION)
    add = get_permission(apps, *media_permission_spec("add_document"))
    old, new = (root, collection) if to_plan_collection else (collection, root)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=PLAN_GROUPS):
        if old is not None:
            GroupCollectionPermission.objects.filter(group=group, collection=old, permission=add).delete()
        if new is not None:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=new, permission=add)


def forwards(apps, schema_editor):
    move_uploads(apps, to_plan_collection=True)


def backwards(apps, schema_editor):
    move_uploads(apps, to_plan_collection=False)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0005_progressreport_evidence_page_items"),
        ("home", "0007_media_collections"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
