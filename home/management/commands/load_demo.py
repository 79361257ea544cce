"""Build the demo site from the files in home/demo, news/demo and promotion/demo; running it again changes nothing."""

import json
import secrets
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from home.demo_loading import assign, load_pages, placeholder_image
from home.editorial import DEPARTMENT, ROLES, group_name
from home.models import HomePage, PortalSettings, language_codes
from library import demo as library_demo
from news import demo as news_demo
from plans import demo as plans_demo
from press import demo as press_demo
from promotion import demo as promotion_demo
from search import demo as search_demo

CONTENT_FILE = Path(__file__).resolve().parents[2] / "demo" / "content.json"
ADMIN_USERNAME = "admin"


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
            pages = load_pages(content["pages"], {}, self.stdout.write)
            site = self.load_site(pages["home"])
            self.load_settings(site, content["site_settings"])
            news_demo.load(pages, self.stdout.write)
            promotion_demo.load(pages, self.stdout.write)
            plans_demo.load(pages, self.stdout.write)
            library_demo.load(pages, self.stdout.write)
            press_demo.load(pages, self.stdout.write)
            search_demo.load(pages, self.stdout.write)
        if not options["no_admin"]:
            self.ensure_admin()

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
        return placeholder_image(values["title"], values["credit"], values["description"], size=(256, 256))

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
        self.ensure_editorial_users(password)

    def ensure_editorial_users(self, password):
        """One demo user in each role of the tourism department, to walk a page through its workflow."""
        User = get_user_model()
        department = DEPARTMENT["tourism"]
        for role in ROLES:
            username = f"{department.key}-{role.key}"
            if not User.objects.filter(username=username).exists():
                user = User.objects.create_user(username, f"{username}@example.org", password, first_name=role.name)
                user.groups.add(Group.objects.get(name=group_name(department, role)))
            self.stdout.write(f"Demo {group_name(department, role)}: {username} (same password)")
        plans_demo.ensure_users(password, self.stdout.write)
