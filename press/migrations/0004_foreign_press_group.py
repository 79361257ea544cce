"""The staff group that handles foreign journalists' registrations (and alone reads them)."""

from django.db import migrations

from home.editorial import ADMIN_ACCESS, get_permission

FOREIGN_PRESS_DESK = "Báo chí nước ngoài: Tiếp nhận đăng ký"


def create_group(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=FOREIGN_PRESS_DESK)
    group.permissions.add(get_permission(apps, *ADMIN_ACCESS))


class Migration(migrations.Migration):
    dependencies = [("press", "0003_foreignpressregistrationpage")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
