from django.db import migrations

from home.editorial import SITE_ADMINISTRATORS, get_permission

ACTIONS = ("add", "change", "delete")


def grant(apps, schema_editor):
    """Site administrators choose the promoted search results (Settings → Promoted search results)."""
    group = apps.get_model("auth", "Group").objects.filter(name=SITE_ADMINISTRATORS).first()
    if group:
        group.permissions.add(
            *(
                get_permission(apps, "wagtailsearchpromotions", "searchpromotion", f"{action}_searchpromotion",
                               f"Can {action} search promotion")
                for action in ACTIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("home", "0005_editorial_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
