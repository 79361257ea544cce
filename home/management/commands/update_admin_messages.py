"""Keep the project's catalogue of Wagtail's admin strings in step with the installed Wagtail.

Wagtail's own Vietnamese catalogue covers a fifth of its admin, so the project keeps a full one in
`locale/wagtail/<language>/`, a second entry of LOCALE_PATHS. After upgrading Wagtail, run
`make messages`: new strings are added untranslated, gone ones dropped, translations kept.
"""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

DOMAINS = ("django", "djangojs")
PLURAL_FORMS = {"vi": "nplurals=1; plural=0;"}


def admin_catalogue_dir():
    return Path(settings.BASE_DIR) / "locale" / "wagtail"


def wagtail_catalogues(language, domain):
    """(app, source, translation) catalogue paths of every installed Wagtail app, for one domain."""
    for app in apps.get_app_configs():
        if app.name == "wagtail" or app.name.startswith("wagtail."):
            locale = Path(app.path) / "locale"
            source = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
            if source.exists():
                yield app.name, source, locale / language / "LC_MESSAGES" / f"{domain}.po"


def key(entry):
    return entry.msgctxt, entry.msgid


def translations(path):
    if not path.exists():
        return {}
    return {key(entry): entry for entry in polib.pofile(str(path)) if entry.translated()}


def build_catalogue(language, domain, existing):
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": f"Wagtail admin ({language}), portal",
        "Language": language,
        "Language-Team": "Portal translators",
        "Last-Translator": "Portal translators",
        "PO-Revision-Date": "2026-11-26 00:00+0700",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(language, "nplurals=2; plural=(n != 1);"),
    }
    seen = set()
    for app_name, source_path, wagtail_path in wagtail_catalogues(language, domain):
        prefix = app_name.replace(".", "/")
        upstream = translations(wagtail_path)
        for source in polib.pofile(str(source_path)):
            if source.obsolete or key(source) in seen:
                continue
            seen.add(key(source))
            done = existing.get(key(source)) or upstream.get(key(source))
            entry = polib.POEntry(
                msgctxt=source.msgctxt,
                msgid=source.msgid,
                msgid_plural=source.msgid_plural,
                occurrences=[(f"{prefix}/{path}", line) for path, line in source.occurrences],
                flags=[flag for flag in source.flags if flag != "fuzzy"],
            )
            if source.msgid_plural:
                entry.msgstr_plural = dict(done.msgstr_plural) if done and done.msgstr_plural else {0: ""}
            else:
                entry.msgstr = done.msgstr if done else ""
            catalogue.append(entry)
    return catalogue


class Command(BaseCommand):
    help = "Refresh locale/wagtail/<language>/ from the installed Wagtail, keeping existing translations."

    def add_arguments(self, parser):
        parser.add_argument("--language", default=settings.LANGUAGE_CODE)

    def handle(self, *args, language, **options):
        directory = admin_catalogue_dir() / language / "LC_MESSAGES"
        directory.mkdir(parents=True, exist_ok=True)
        for domain in DOMAINS:
            path = directory / f"{domain}.po"
            catalogue = build_catalogue(language, domain, translations(path))
            catalogue.save(str(path))
            missing = len(catalogue.untranslated_entries())
            self.stdout.write(f"{path}: {len(catalogue)} strings, {missing} untranslated")
