"""The press staff's group (who log coverage and follow the responses); plan coordinators read it."""

from django.db import migrations

from home.editorial import ADMIN_ACCESS, get_permission

PRESS_STAFF = "Báo chí: Theo dõi và phản hồi"
COORDINATORS = "Kế hoạch TTĐN: Điều phối"


def model_permissions(apps, model, actions):
    return [get_permission(apps, "press", model, f"{action}_{model}", f"Can {action} {model}") for action in actions]


def create_press_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    staff, _ = Group.objects.get_or_create(name=PRESS_STAFF)
    staff.permissions.add(
        get_permission(apps, *ADMIN_ACCESS),
        *model_permissions(apps, "coverage", ("add", "change", "delete", "view")),
        *model_permissions(apps, "outlet", ("add", "change", "view")),
    )
    coordinators = Group.objects.filter(name=COORDINATORS).first()
    if coordinators:
        coordinators.permissions.add(*model_permissions(apps, "coverage", ("view",)))


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0001_initial"),
        ("plans", "0002_plan_roles"),
    ]

    operations = [migrations.RunPython(create_press_roles, migrations.RunPython.noop)]
