"""Building blocks of `manage.py load_demo`: pages and images from the repo's demo files.

Everything here is idempotent: a value is written only when it differs, and a page gets a new
revision only when one of its values changed.
"""

import hashlib
import uuid
from io import BytesIO

from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page

from home.models import language_codes

PLACEHOLDER_COLOURS = ["#2e6b3a", "#1f5f99", "#9e1b1b", "#7a5c12", "#4b3b8f", "#1d6f6a"]


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


def placeholder_image(title, credit, descriptions, size=(1200, 675)):
    """An image drawn here (mountains over a lake), so the demo ships no photo, marked as a placeholder."""
    image = get_image_model().objects.filter(title=title).first()
    if image is None:
        width, height = size
        digest = hashlib.sha256(title.encode()).digest()
        colour = PLACEHOLDER_COLOURS[digest[0] % len(PLACEHOLDER_COLOURS)]
        canvas = PILImage.new("RGB", size, "#dfe9f3")
        draw = ImageDraw.Draw(canvas)
        peak = width * (0.25 + digest[1] / 512)
        ridge = [(0, 0.7), (peak / width, 0.2), (0.6, 0.55), (0.8, 0.35), (1, 0.7)]
        draw.polygon([(x * width, y * height) for x, y in ridge], fill=colour)
        draw.rectangle((0, height * 0.7, width, height), fill="#1f5f99")
        buffer = BytesIO()
        canvas.save(buffer, "PNG")
        image = get_image_model()(title=title, credit=credit, file=ImageFile(buffer, name="demo-placeholder.png"))
        image._set_image_file_metadata()
    changed = False
    for code in language_codes():
        changed |= assign(image, build_localized_fieldname("description", code), descriptions.get(code, ""))
    if changed or image.pk is None:
        image.save()
    return image


def load_pages(entries, pages, log):
    """Create or update pages from demo entries; `pages` maps keys to pages already loaded.

    An entry: key, type ("app.Model"), parent (a key, or None for the tree root), show_in_menus,
    each translated field as {language: value}, "facts" (fields shared by every language),
    "topics" (slugs), "hero_image" (arguments of placeholder_image).
    """
    for entry in entries:
        model = apps.get_model(entry["type"])
        parent = pages[entry["parent"]] if entry["parent"] else Page.get_first_root_node()
        slug_field = build_localized_fieldname("slug", settings.LANGUAGE_CODE)
        page = model.objects.child_of(parent).filter(**{slug_field: entry["slug"][settings.LANGUAGE_CODE]}).first()
        page = page or model(show_in_menus=entry.get("show_in_menus", False))
        changed = False
        for field_name in translated_fields(model):
            if field_name in entry:
                changed |= assign_translations(page, field_name, entry[field_name], entry["key"])
        for field_name, value in entry.get("facts", {}).items():
            changed |= assign(page, field_name, value)
        if "hero_image" in entry:
            changed |= assign(page, "hero_image_id", placeholder_image(**entry["hero_image"]).pk)
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
