"""The plan tracker's two groups: the coordinating department, and the staff of every other unit."""

from django.db import migrations

from home.editorial import ADMIN_ACCESS, MEDIA_PERMISSIONS, get_permission

COORDINATORS = "Kế hoạch TTĐN: Điều phối"
UNIT_STAFF = "Kế hoạch TTĐN: Cán bộ đơn vị"
MODELS = ("unit", "plan", "reportingdeadline", "task", "dueperiod", "progressreport")


def model_permissions(apps, model, actions):
    return [get_permission(apps, "plans", model, f"{action}_{model}", f"Can {action} {model}") for action in actions]


def create_plan_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    admin = get_permission(apps, *ADMIN_ACCESS)
    coordinate = get_permission(apps, "plans", "plan", "coordinate_plans", "Can follow up every unit's tasks and reports")
    everything = [p for model in MODELS for p in model_permissions(apps, model, ("add", "change", "delete", "view"))]
    reading = [p for model in MODELS[:-1] for p in model_permissions(apps, model, ("view",))]
    reporting = model_permissions(apps, "progressreport", ("add", "change", "view"))
    root = Collection.objects.filter(depth=1).first()
    for name, permissions in ((COORDINATORS, [admin, coordinate, *everything]), (UNIT_STAFF, [admin, *reading, *reporting])):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
        if root:
            for spec in MEDIA_PERMISSIONS[2:]:  # documents, as evidence
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=get_permission(apps, *spec)
                )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("home", "0005_editorial_roles"),
    ]

    operations = [migrations.RunPython(create_plan_roles, migrations.RunPython.noop)]
