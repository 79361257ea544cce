"""Lao and Khmer text in the admin is drawn with the site's own fonts, not the system's."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.home.test_translation_status import report

FONTS = {"lo": "Noto Sans Lao", "km": "Noto Sans Khmer"}


def admin_stylesheets(html):
    """The text of every stylesheet of the project that an admin page links to."""
    sheets = []
    for link in BeautifulSoup(html, "html.parser").select('link[rel="stylesheet"]'):
        path = finders.find(re.sub(r"^/static/|\?.*$", "", link["href"]))
        if path:
            with open(path, encoding="utf-8") as sheet:
                sheets.append(sheet.read())
    return "\n".join(sheets)


def first_font(css, selector):
    rule = re.search(rf"(?<![\w-]){re.escape(selector)}\s*\{{[^}}]*?font-family:\s*([^;}}]+)", css)
    return rule and rule.group(1).split(",")[0].strip().strip('"')


@pytest.mark.parametrize("code", FONTS)
def test_translation_status_report_draws_each_languages_heading_in_its_font(admin_client, site_tree, code):
    html = report(admin_client).content.decode()
    heading = BeautifulSoup(html, "html.parser").find("th", attrs={"lang": code})
    assert heading is not None and heading.get_text(strip=True) == dict(settings.LANGUAGES)[code]

    css = admin_stylesheets(html)
    assert first_font(css, f":lang({code})") == FONTS[code]
    assert re.search(rf'@font-face\s*\{{[^}}]*font-family:\s*"{FONTS[code]}"', css)  # served by the site
    # Text without a lang attribute (titles in listings, the translation fields) gets it before system-ui too.
    stack = re.findall(r"--w-font-sans:\s*([^;}]+)", css)[-1]  # the last one linked wins
    assert stack.index(FONTS[code]) < stack.index("system-ui")


@pytest.mark.parametrize("code", FONTS)
def test_page_editor_uses_the_site_fonts(admin_client, site_tree, code):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk])).content.decode()
    assert BeautifulSoup(html, "html.parser").find(attrs={"lang": code})  # the Translations tab's rows
    assert first_font(admin_stylesheets(html), f":lang({code})") == FONTS[code]
