"""The staff group that answers investors' enquiries (and alone reads them)."""

from django.db import migrations

from home.editorial import ADMIN_ACCESS, get_permission

INVESTOR_DESK = "Xúc tiến đầu tư: Tiếp nhận câu hỏi"


def create_group(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=INVESTOR_DESK)
    group.permissions.add(get_permission(apps, *ADMIN_ACCESS))


class Migration(migrations.Migration):
    dependencies = [("promotion", "0008_investorenquirypage")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
