"""Build the demo site from the files in each app's demo/ folder, with a demo user for every role; running it
again changes nothing. It refuses to run under the production settings (LOAD_DEMO_ALLOWED)."""

import json
import secrets
import uuid
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from home.demo import draw_emblem, load_home_page
from home.demo_loading import ILLUSTRATION_CREDIT, assign, load_pages, placeholder_image
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
        if not getattr(settings, "LOAD_DEMO_ALLOWED", True):
            raise CommandError(
                "load_demo does not run under the production settings: it would add sample pages and demo users "
                "who share one password. Nothing was written."
            )
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
            load_home_page(pages, self.stdout.write)  # its entry points lead to the other apps' pages
        if not options["no_admin"] and (password := self.ensure_admin()):
            with transaction.atomic():
                users = self.ensure_demo_users(password)
            # The last lines `make run` prints before serving.
            width = max(len(username) for username, _role in users)
            self.stdout.write("Demo users:")
            for username, role in users:
                self.stdout.write(f"  {username:<{width}}  {role}")
            self.stdout.write(self.style.SUCCESS(f"Admin login: {ADMIN_USERNAME} / {password}  (/admin/)"))
            self.stdout.write('The demo users above have the same password; what each can do: README.md, "Demo users".')

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
        return placeholder_image(
            values["title"], ILLUSTRATION_CREDIT, values["description"], size=(256, 256), draw=draw_emblem
        )

    def ensure_admin(self):
        """The demo administrator; returns its password, which the demo users share (None if unknown)."""
        password_file = settings.VAR_DIR / "admin-password.txt"
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password + "\n", encoding="utf-8")
            password_file.chmod(0o600)
            return password
        if password_file.exists():
            return password_file.read_text(encoding="utf-8").strip()
        self.stdout.write(f"Admin user {ADMIN_USERNAME!r} exists; its password was not set by load_demo.")
        return None

    def ensure_demo_users(self, password):
        """Every app's demo users (its `demo/users.py`), as (username, role) rows."""
        users = []
        for config in apps.get_app_configs():
            if module_has_submodule(config.module, "demo"):
                demo = import_module(f"{config.name}.demo")
                if module_has_submodule(demo, "users"):
                    users += import_module(f"{config.name}.demo.users").ensure_users(password)
        return users
