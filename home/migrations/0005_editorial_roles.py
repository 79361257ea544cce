"""The editorial groups and workflows every database needs."""

from django.db import migrations

from home.editorial import create_roles


def create_editorial_roles(apps, schema_editor):
    create_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_homepage_translation_state_and_more"),
        ("news", "0003_articleindexpage_translation_state_and_more"),
        ("promotion", "0005_destinationindexpage_translation_state_and_more"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_editorial_roles, migrations.RunPython.noop),
    ]
