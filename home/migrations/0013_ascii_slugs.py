"""Pages saved before addresses were ASCII (home.slugs) get their ASCII slugs in every language, and their old
addresses, and their descendants', redirect to them permanently (home.page_addresses). Running it twice changes
nothing; reversed, the pages keep their new addresses.
"""

from django.db import migrations


def make_slugs_ascii(apps, schema_editor):
    # Wagtail-modeltranslation's migrate adds the page's translated columns after every migration: a new
    # database has none yet, and no page saved before the rule. The pages are read through the project's
    # models, which know those columns; only the tree's own table is written (see make_slugs_ascii).
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = {column.name for column in connection.introspection.get_table_description(cursor, "wagtailcore_page")}
    if "slug_vi" in columns:
        from home.page_addresses import make_slugs_ascii

        make_slugs_ascii()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0012_home_page_sections_favicon_image_credit"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(make_slugs_ascii, migrations.RunPython.noop)]
