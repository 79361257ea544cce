"""Build the demo site from home/demo/content.json; running it again changes nothing."""

import json
import secrets
import uuid
from io import BytesIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.models import HomePage, PortalSettings, language_codes

CONTENT_FILE = Path(__file__).resolve().parents[2] / "demo" / "content.json"
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "intro", "summary")
STREAM_FIELDS = ("body",)
ADMIN_USERNAME = "admin"


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
    if current == value:
        return False
    setattr(instance, field_name, value)
    return True


class Command(BaseCommand):
    help = "Load the demo site (settings, home page and standard pages in every language). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo administrator.")

    def handle(self, *args, **options):
        try:
            content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {CONTENT_FILE}: {error}") from error
        with transaction.atomic():
            pages = self.load_pages(content["pages"])
            site = self.load_site(pages["home"])
            self.load_settings(site, content["site_settings"])
        if not options["no_admin"]:
            self.ensure_admin()

    def load_pages(self, entries):
        pages = {}
        for entry in entries:
            model = apps.get_model(entry["type"])
            parent = pages[entry["parent"]] if entry["parent"] else Page.get_first_root_node()
            slug_field = build_localized_fieldname("slug", settings.LANGUAGE_CODE)
            page = model.objects.child_of(parent).filter(**{slug_field: entry["slug"][settings.LANGUAGE_CODE]}).first()
            page = page or model(show_in_menus=entry.get("show_in_menus", False))
            changed = False
            for field_name in PAGE_FIELDS:
                if field_name in entry:
                    for code in language_codes():
                        value = entry[field_name].get(code, "")
                        changed |= assign(page, build_localized_fieldname(field_name, code), value)
            for field_name in STREAM_FIELDS:
                for code in language_codes():
                    blocks = stream_data(entry["key"], code, entry.get(field_name, {}).get(code, []))
                    changed |= assign(page, build_localized_fieldname(field_name, code), blocks)
            if page.pk is None:
                parent.add_child(instance=page)
                page.save_revision().publish()
                self.stdout.write(f"Created page {page.title!r}")
            elif changed or not page.live:
                page.save_revision().publish()
                self.stdout.write(f"Updated page {page.title!r}")
            pages[entry["key"]] = page
        return pages

    def load_site(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True, site_name="")
        if site.root_page_id != home.pk:
            old_root = site.root_page if site.pk else None
            site.root_page = home
            site.save()
            # Wagtail's placeholder "Welcome" page is replaced by the demo home page.
            if old_root and not isinstance(old_root.specific, HomePage) and old_root.depth == 2:
                old_root.delete()
        return site

    def load_settings(self, site, values):
        portal_settings = PortalSettings.for_site(site)
        changed = False
        for field_name, value in values.items():
            if field_name == "logo":
                changed |= assign(portal_settings, "logo_id", self.load_logo(value).pk)
            elif field_name == "social_links":
                blocks = [
                    {"type": "link", "value": link, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, link["url"]))}
                    for link in value
                ]
                changed |= assign(portal_settings, field_name, blocks)
            elif isinstance(value, dict):
                for code in language_codes():
                    changed |= assign(portal_settings, build_localized_fieldname(field_name, code), value.get(code, ""))
            else:
                changed |= assign(portal_settings, field_name, value)
        if changed:
            portal_settings.save()
            self.stdout.write("Saved the portal settings")

    def load_logo(self, values):
        """A placeholder emblem drawn here, so the demo ships no image file."""
        image = get_image_model().objects.filter(title=values["title"]).first()
        if image is None:
            canvas = PILImage.new("RGB", (256, 256), "white")
            draw = ImageDraw.Draw(canvas)
            draw.ellipse((8, 8, 248, 248), fill="#9e1b1b")
            draw.ellipse((24, 24, 232, 232), fill="#f4f1ea")
            draw.polygon([(40, 170), (100, 70), (140, 130), (170, 95), (216, 170)], fill="#2e6b3a")
            draw.rectangle((40, 170, 216, 205), fill="#1f5f99")
            buffer = BytesIO()
            canvas.save(buffer, "PNG")
            image = get_image_model()(
                title=values["title"],
                credit=values["credit"],
                file=ImageFile(buffer, name="demo-emblem.png"),
            )
            image._set_image_file_metadata()
        changed = False
        for code in language_codes():
            changed |= assign(
                image, build_localized_fieldname("description", code), values["description"].get(code, "")
            )
        if changed or image.pk is None:
            image.save()
        return image

    def ensure_admin(self):
        password_file = settings.VAR_DIR / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
        elif password_file.exists():
            password = password_file.read_text(encoding="utf-8").strip()
        else:
            self.stdout.write(f"Admin user {ADMIN_USERNAME!r} exists; its password was not set by load_demo.")
            return
        self.stdout.write(self.style.SUCCESS(f"Admin login: {ADMIN_USERNAME} / {password}  (/admin/)"))
