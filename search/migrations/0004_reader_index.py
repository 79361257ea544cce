from django.db import migrations


def create(apps, schema_editor):
    from search import reader_index

    reader_index.create(schema_editor.connection)
    entries = apps.get_model("search", "SearchEntry").objects.all()
    for start in range(0, entries.count(), 1000):
        reader_index.write(list(entries.order_by("pk")[start : start + 1000]))


def drop(apps, schema_editor):
    from search import reader_index

    reader_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    """The readers' search index on the database (search/reader_index.py), filled from the existing entries."""

    dependencies = [("search", "0003_entry_lead")]

    operations = [migrations.RunPython(create, drop)]
