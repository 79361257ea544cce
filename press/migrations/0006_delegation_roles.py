"""The external relations staff who log delegations; plan coordinators read them."""

from django.db import migrations

from home.editorial import ADMIN_ACCESS, get_permission

DELEGATIONS_DESK = "Đối ngoại: Đoàn ra, đoàn vào"
COORDINATORS = "Kế hoạch TTĐN: Điều phối"


def permissions(apps, actions):
    return [get_permission(apps, "press", "delegation", f"{a}_delegation", f"Can {a} delegation") for a in actions]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    desk, _ = Group.objects.get_or_create(name=DELEGATIONS_DESK)
    desk.permissions.add(get_permission(apps, *ADMIN_ACCESS), *permissions(apps, ("add", "change", "delete", "view")))
    coordinators = Group.objects.filter(name=COORDINATORS).first()
    if coordinators:
        coordinators.permissions.add(*permissions(apps, ("view",)))


class Migration(migrations.Migration):
    dependencies = [("press", "0005_delegation"), ("plans", "0002_plan_roles")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
