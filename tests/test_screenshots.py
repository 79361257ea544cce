"""What a reader judges at first sight: the home page, an article and an investment project of the demo,
in every language, at 360, 768 and 1280 px.

tests/browser/screens.mjs loads each page in Chromium (once for all checks) and saves a full-page
screenshot to var/screenshots/ (PAGE_SCREENSHOTS overrides), which CI keeps for a reviewer. Each test
below is one thing a reader would notice; the problems listed name the page, language and width.

What they need, and when they are skipped: tests/browser/tools.py.
"""

import gettext
import json
import os
import re
from io import StringIO
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from news.models import ArticlePage
from promotion.models import InvestmentProjectPage
from tests.browser.tools import (
    CHROMIUM,
    IN_CHROMIUM,
    ROOT,
    SCRIPTS,
    leave_migrated_data,  # noqa: F401  (a fixture)
    run,
)

pytestmark = IN_CHROMIUM

SCREENSHOTS = Path(os.environ.get("PAGE_SCREENSHOTS", ROOT / "var" / "screenshots"))
WIDTHS = [360, 768, 1280]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def ui_strings():
    """For each language, the strings of the project's catalogues as the other languages write them and
    it does not: on its pages, one of them is UI text left in another language. Exact strings, and
    patterns (JavaScript regular expressions) for those with placeholders."""
    catalogues = {}
    for code in LANGUAGES:
        with open(ROOT / "locale" / code / "LC_MESSAGES" / "django.mo", "rb") as mo:
            catalogues[code] = gettext.GNUTranslations(mo)._catalog
    keys = {key for catalogue in catalogues.values() for key in catalogue if key}

    def source(key):  # English: the msgid, unless the English catalogue words it otherwise
        msgid = key[0] if isinstance(key, tuple) else key
        return catalogues["en"].get(key) or msgid.rpartition("\x04")[2]

    forms = {code: {key: catalogues[code].get(key) for key in keys} for code in LANGUAGES}
    forms["en"] = {key: source(key) for key in keys}
    wanted = {}
    for code in LANGUAGES:
        own = set(forms[code].values())
        others = {text for other in LANGUAGES if other != code for text in forms[other].values() if text}
        strings, patterns = [], []
        for text in sorted(others - own):
            text = " ".join(text.split())
            if "<" in text or sum(character.isalpha() for character in PLACEHOLDER.sub("", text)) < 4:
                continue  # markup, or too little text to tell a language by
            if PLACEHOLDER.search(text):
                pieces = [re.sub(r"[.*+?^${}()|\[\]\\/]", r"\\\g<0>", piece) for piece in PLACEHOLDER.split(text)]
                patterns.append("^" + "(.+?)".join(pieces) + "$")
            else:
                strings.append(text)
        wanted[code] = {"strings": strings, "patterns": patterns}
    return wanted


def translated_everywhere(model):
    page = next((p for p in model.objects.live().order_by("path") if all(map(p.is_translated, LANGUAGES))), None)
    assert page, f"the demo should have a {model.__name__} in every language"
    return page


def canary(foreign):
    """A Lao page with one of each problem: proof that the script really checked what it was given."""
    html = f"""<!DOCTYPE html><html lang="lo"><head><meta charset="utf-8"><title>ໜ້າທົດສອບ</title></head><body>
    <p>ຂໍ້ຄວາມທີ່ຖືກຍ້າຍ</p><div style="height: 700px"></div><h1>ໜ້າທົດສອບ</h1><p>{foreign}</p><p>Read more</p>
    <div style="position: relative"><p>ຂໍ້ຄວາມໜຶ່ງ</p><p style="position: absolute; top: 0; margin: 0">ຂໍ້ຄວາມສອງ</p></div>
    <img src="data:," alt="ຮູບ" width="20" height="20"><div style="width: 2000px">ກວ້າງ</div>
    <script>addEventListener("load", () => requestAnimationFrame(() => requestAnimationFrame(() =>
      document.body.insertAdjacentHTML("afterbegin", '<div style="height: 300px"></div>'))));</script>"""
    return {"name": "canary", "lang": "lo", "url": "data:text/html;charset=utf-8," + quote(html), "widths": [360]}


CANARY = "lo canary 360"
CHECKS = {"overflow", "title", "overlap", "image", "layout-shift", "untranslated", "latin"}
_report = {}


def pages_to_check():
    article, project = translated_everywhere(ArticlePage), translated_everywhere(InvestmentProjectPage)
    pages = []
    for code in LANGUAGES:
        with translation.override(code):
            pages.append({"name": "home", "lang": code, "path": f"/{code}/"})
            pages.append({"name": "article", "lang": code, "path": urlsplit(article.get_url()).path})
            pages.append({"name": "project", "lang": code, "path": urlsplit(project.get_url()).path})
    return pages


def fail_on(report, check):
    found = [f"{page}: {p['detail']}" for page, problems in report.items() for p in problems if p["check"] == check]
    if found:
        pytest.fail(f"{len(found)} problem(s) (screenshots in {SCREENSHOTS}):\n" + "\n".join(found), pytrace=False)


@pytest.fixture
def report(settings, tmp_path, live_server):
    """Problems found on each page ("<lang> <page> <width>": [{check, detail}]), from one run of the
    script for all the tests of this module."""
    if not _report:
        settings.VAR_DIR = tmp_path
        settings.MEDIA_ROOT = tmp_path / "media"  # the live server serves the images from there
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
        call_command("load_demo", stdout=StringIO())
        pages, foreign = pages_to_check(), ui_strings()
        plan = {"base": live_server.url, "folder": str(SCREENSHOTS), "widths": WIDTHS, "foreign": foreign,
                "pages": [*pages, canary(foreign["lo"]["strings"][0])]}  # fmt: skip
        (tmp_path / "plan.json").write_text(json.dumps(plan))
        command = ["node", str(SCRIPTS / "screens.mjs"), str(tmp_path / "plan.json")]
        result = run(command, "screens.mjs", env={**os.environ, "CHROMIUM": CHROMIUM})
        try:
            _report.update(json.loads(result.stdout))
        except ValueError:
            pytest.fail(f"screens.mjs gave no JSON report (exit {result.returncode}):\n{result.stderr[-3000:]}")
        assert len(_report) == len(pages) * len(WIDTHS) + 1, f"screens.mjs did not report on every page: {_report}"
        missed = CHECKS - {problem["check"] for problem in _report.pop(CANARY)}
        assert not missed, f"screens.mjs missed {missed} on a page made to have them: {result.stderr[-3000:]}"
        (SCREENSHOTS / f"{CANARY.replace(' ', '-')}.png").unlink(missing_ok=True)
        (SCREENSHOTS / "report.json").write_text(json.dumps(_report, indent=1, ensure_ascii=False))
    fail_on(_report, "page-error")
    return _report


def test_no_page_scrolls_sideways(report):
    fail_on(report, "overflow")


def test_the_title_is_on_the_first_screen_of_a_phone(report):
    fail_on(report, "title")


def test_no_text_overlaps_other_text(report):
    fail_on(report, "overlap")


def test_every_image_loads(report):
    fail_on(report, "image")


def test_the_page_does_not_move_as_fonts_and_images_arrive(report):
    fail_on(report, "layout-shift")


def test_no_ui_text_is_left_in_another_language(report):
    fail_on(report, "untranslated")


def test_lao_and_khmer_pages_show_latin_script_only_where_marked_as_another_language(report):
    fail_on(report, "latin")
