from django.db import migrations


def create(apps, schema_editor):
    from search import reader_index

    reader_index.create(schema_editor.connection)


def drop(apps, schema_editor):
    from search import reader_index

    reader_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    """The readers' search index on the database (search/reader_index.py); 0005 fills it."""

    dependencies = [("search", "0003_entry_lead")]

    operations = [migrations.RunPython(create, drop)]
