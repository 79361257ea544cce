import datetime
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import formats, translation

from tests.conftest import LANGUAGES

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


def test_lao_has_locale_info():
    info = translation.get_language_info("lo")
    assert info["name_local"] == "ລາວ"
    assert info["bidi"] is False


def test_lao_dates_use_lao_month_names():
    with translation.override("lo"):
        assert formats.date_format(datetime.date(2021, 1, 18)) == "18 ມັງກອນ 2021"
        assert translation.get_language_info("en")["name_translated"] == "ພາສາອັງກິດ"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete_and_compiled(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    mo = polib.mofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (entry.msgstr, entry.msgstr_plural), entry.msgid


@pytest.mark.parametrize("language", ["vi", "lo", "km"])
def test_ui_is_translated_not_copied(language):
    with translation.override(language):
        assert translation.gettext("Skip to main content") != "Skip to main content"
        assert translation.gettext("Search") != "Search"


@pytest.mark.parametrize(
    "font",
    [
        "fonts/noto-sans-lao-lao-wght-normal.woff2",
        "fonts/noto-sans-khmer-khmer-wght-normal.woff2",
        "fonts/noto-sans-vietnamese-wght-normal.woff2",
        "fonts/noto-sans-latin-wght-normal.woff2",
    ],
)
def test_fonts_are_served_by_the_site(font):
    path = finders.find(font)
    assert path and Path(path).read_bytes()[:4] == b"wOF2"
    css = Path(finders.find("css/fonts.css")).read_text()
    assert f"../{font}" in css


def test_pages_and_the_admin_load_the_fonts(client, admin_client, site_tree):
    assert "/static/css/fonts.css" in client.get("/vi/").content.decode()
    assert "/static/css/fonts.css" in admin_client.get("/admin/").content.decode()
    admin_css = Path(finders.find("css/admin.css")).read_text()
    assert '"Noto Sans Lao", "Noto Sans Khmer"' in admin_css


def test_lao_and_khmer_text_asks_for_their_fonts():
    css = Path(finders.find("css/portal.css")).read_text()
    assert ':lang(lo) { font-family: "Noto Sans Lao"' in css
    assert ':lang(km) { font-family: "Noto Sans Khmer"' in css
    assert "googleapis" not in css
