"""Wagtail names the root collection "Root": staff choose it in every collection picker, so it gets a Vietnamese name."""

from django.db import migrations

COMMON = "Thư viện chung"


def rename(old, new):
    def run(apps, schema_editor):
        apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=old).update(name=new)

    return run


class Migration(migrations.Migration):
    dependencies = [("home", "0007_media_collections")]

    operations = [migrations.RunPython(rename("Root", COMMON), rename(COMMON, "Root"))]
