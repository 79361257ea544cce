"""Building blocks of `manage.py load_demo`: pages and images from the repo's demo files.

Everything here is idempotent: a value is written only when it differs, and a page gets a new
revision only when one of its values changed.
"""

import json
import uuid
from io import BytesIO

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from home.demo_illustrations import draw as draw_illustration
from home.editorial import media_collection, section_department
from home.models import language_codes

# The demo's drawn pictures are credited as what they are, in every language.
ILLUSTRATION_CREDIT = {
    "vi": "Ảnh minh hoạ",
    "en": "Illustration",
    "lo": "ພາບປະກອບ",
    "km": "រូបភាពគំនូរ",
}
PLACEHOLDER_CREDIT = ILLUSTRATION_CREDIT


def stream_data(key, language, blocks):
    """Blocks in StreamField's stored form, with ids that stay the same from run to run."""
    data = []
    for index, block in enumerate(blocks):
        value = block["value"]
        if block["type"] == "table":
            value = {
                "data": [value["header"], *value["rows"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": value.get("caption", ""),
            }
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{key}:{language}:{index}"))
        data.append({"type": block["type"], "value": value, "id": block_id})
    return data


def assign(instance, field_name, value):
    """Set a field if its value differs; returns whether it changed."""
    field = instance._meta.get_field(field_name)
    current = getattr(instance, field_name)
    if hasattr(field, "stream_block"):
        current = field.stream_block.get_prep_value(current) if current is not None else []
    elif current is None:
        current = "" if not field.null or isinstance(value, str) else None
    else:
        value = field.to_python(value)
    if current == value:
        return False
    setattr(instance, field_name, value)
    return True


def assign_translations(instance, field_name, values, key):
    """Write one translated field in every language (missing languages are emptied)."""
    field = instance._meta.get_field(build_localized_fieldname(field_name, settings.LANGUAGE_CODE))
    changed = False
    for code in language_codes():
        value = values.get(code, "")
        if hasattr(field, "stream_block"):
            value = stream_data(key, code, value or [])
        changed |= assign(instance, build_localized_fieldname(field_name, code), value)
    return changed


def translated_fields(model):
    try:
        return translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return ()


def draw_placeholder(title, size, description=""):
    """An illustration of what the description says (the demo ships no photo); see demo_illustrations."""
    return draw_illustration(title, size, description)


def placeholder_image(title, credit, descriptions, size=(1200, 675), collection=None, draw=draw_placeholder):
    """A drawn image whose credit ({language: text}) and description (alt text) are translated.

    `collection`: the department's, whose roles choose and edit it (by default the root, the site
    administrators').
    """
    image = get_image_model().objects.filter(title=title).first()
    if image is None:
        buffer = BytesIO()
        draw(title, size, descriptions.get("en", "")).save(buffer, "PNG")
        image = get_image_model()(title=title, file=ImageFile(buffer, name="demo-placeholder.png"))
        image._set_image_file_metadata()
    changed = collection is not None and assign(image, "collection_id", collection.pk)
    for code in language_codes():
        changed |= assign(image, build_localized_fieldname("description", code), descriptions.get(code, ""))
        changed |= assign(image, build_localized_fieldname("credit", code), credit.get(code, ""))
    if changed or image.pk is None:
        image.save()
    return image


def placeholder_document(title, collection=None):
    """A one-page PDF holding a drawn cover, standing in for a real publication (`collection`: as for images)."""
    document = get_document_model().objects.filter(title=title).first() or get_document_model()(title=title)
    changed = collection is not None and assign(document, "collection_id", collection.pk)
    if document.pk is None:
        buffer = BytesIO()
        draw_placeholder(title, (595, 842)).save(buffer, "PDF", title=title)
        document.file.save("demo-publication.pdf", ContentFile(buffer.getvalue()), save=True)
    elif changed:
        document.save()
    return document


def hero_placeholder(titles, captions):
    """The `hero_image` and `hero_caption` of a page entry: a drawn image whose alt text is the caption."""
    title = f"{titles[settings.LANGUAGE_CODE]} (ảnh minh hoạ)"
    return {
        "hero_image": {"title": title, "credit": PLACEHOLDER_CREDIT, "descriptions": captions},
        "hero_caption": captions,
    }


def load_snippets(model, entries, field_name="name"):
    """Snippets keyed by slug, with one translated field; returns them by slug."""
    loaded = {}
    for values in entries:
        item = model.objects.filter(slug=values["key"]).first() or model(slug=values["key"])
        if assign_translations(item, field_name, values[field_name], values["key"]) or item.pk is None:
            item.save()
        loaded[item.slug] = item
    return loaded


def load_pages(entries, pages, log):
    """Create or update pages from demo entries; `pages` maps keys to pages already loaded.

    An entry: key, type ("app.Model"), parent (a key, or None for the tree root), show_in_menus,
    each translated field as {language: value}, "facts" (fields shared by every language),
    "topics" (slugs), "hero_image" (arguments of placeholder_image). "previous_parent" (a key): where an
    earlier demo had the page; a site loaded by it gets the page moved, its old addresses redirected.
    """
    for entry in entries:
        model = apps.get_model(entry["type"])
        parent = pages[entry["parent"]] if entry["parent"] else Page.get_first_root_node()
        slug_field = build_localized_fieldname("slug", settings.LANGUAGE_CODE)
        slug = {slug_field: entry["slug"][settings.LANGUAGE_CODE]}
        page = model.objects.child_of(parent).filter(**slug).first()
        if page is None and entry.get("previous_parent"):
            page = model.objects.child_of(pages[entry["previous_parent"]]).filter(**slug).first()
            if page is not None:
                page.move(Page.objects.get(pk=parent.pk), pos="last-child")  # its child count as it is now
                page = model.objects.get(pk=page.pk)
                log(f"Moved page {page.title!r} to {parent.title!r}")
        page = page or model()
        changed = "show_in_menus" in entry and assign(page, "show_in_menus", entry["show_in_menus"])
        for field_name in translated_fields(model):
            if field_name in entry:
                changed |= assign_translations(page, field_name, entry[field_name], entry["key"])
        for field_name, value in entry.get("facts", {}).items():
            changed |= assign(page, field_name, value)
        if "hero_image" in entry:
            collection = media_collection(section_department(model, parent))
            changed |= assign(page, "hero_image_id", placeholder_image(**entry["hero_image"], collection=collection).pk)
        if "topics" in entry:
            topics = list(apps.get_model("news.Topic").objects.filter(slug__in=entry["topics"]))
            if page.pk is None or set(page.topics.all()) != set(topics):
                page.topics.set(topics)
                changed = True
        if page.pk is None:
            parent.add_child(instance=page)
            page.save_revision().publish()
            log(f"Created page {page.title!r}")
        elif changed or not page.live:
            page.save_revision().publish()
            log(f"Updated page {page.title!r}")
        pages[entry["key"]] = page
    return pages


def load_form_page(path, group_name, pages, log):
    """A handled form page from a demo file, for the staff group that handles it."""
    from django.contrib.auth.models import Group

    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["facts"] = {"handling_group_id": Group.objects.get(name=group_name).pk}
    return load_pages([entry], pages, log)
