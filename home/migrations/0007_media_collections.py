"""A collection per department for its images and documents, in place of grants that did nothing or too much.

The groups had `home.add_portalimage` and `home.choose_image` on the root collection, but Wagtail
checks images' permissions on `wagtailimages.Image`, so nobody but superusers could upload an
image; and every department could upload documents into any collection.
"""

from django.db import migrations

from home.editorial import DEPARTMENTS, ROLES, create_media_collections, group_name


def replace_media_grants(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(permission__content_type__app_label="home").delete()
    GroupCollectionPermission.objects.filter(
        group__name__in=[group_name(department, role) for department in DEPARTMENTS for role in ROLES],
        collection__depth=1,
    ).delete()
    create_media_collections(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_homepage_plan_task_standardpage_plan_task"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(replace_media_grants, migrations.RunPython.noop),
    ]
