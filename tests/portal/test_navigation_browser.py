"""On a phone, in a real browser, with the demo: the menu button opens and closes the menu from the keyboard,
with and without JavaScript; an article's title starts within the first 640 px; at 320 px no page of any
language scrolls sideways, the menu open or closed; the group holding the article is marked by a bar."""

import json
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.browser.tools import (
    CHROMIUM,
    MISSING_CHROMIUM,
    MISSING_NODE_TOOLS,
    SCRIPTS,
    leave_migrated_data,  # noqa: F401  (a fixture)
    live_server_db,
    run,
    unless_missing,
)
from tests.conftest import LANGUAGES

pytestmark = [
    pytest.mark.browser,
    unless_missing(MISSING_NODE_TOOLS),
    unless_missing(MISSING_CHROMIUM),
    live_server_db,
    pytest.mark.usefixtures("leave_migrated_data"),
]

CLOSED = {"open": False, "visible": False}
OPEN = {"open": True, "visible": True}


def test_the_phone_menu_works_from_the_keyboard_and_nothing_scrolls_sideways(live_server, settings, tmp_path):
    from news.models import ArticlePage

    settings.VAR_DIR = tmp_path
    call_command("load_demo", "--no-admin", stdout=StringIO())
    article = ArticlePage.objects.live().filter(title_km__gt="").order_by("-date").first()
    paths = []
    for language in LANGUAGES:
        with translation.override(language):
            paths += [article.get_url(), f"/{language}/"]
    khmer_article = paths[LANGUAGES.index("km") * 2]
    result = run(
        ["node", str(SCRIPTS / "navigation.mjs"), live_server.url, khmer_article, *paths],
        "navigation.mjs",
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    report = json.loads(result.stdout or "{}")
    assert report.get("errors") == [], result.stdout + result.stderr
    focused = {"focused": True}
    # Closed, the button reached with Tab; Enter opens, Enter closes, Space opens; with script, Escape closes.
    assert report["keyboard"]["script"] == [CLOSED, focused, OPEN, CLOSED, OPEN, CLOSED]
    assert report["keyboard"]["noscript"] == [CLOSED, focused, OPEN, CLOSED, OPEN]
    assert all(top < 640 for top in report["titleTop"].values()), report["titleTop"]
    assert len(report["overflow"]) == 2 * len(set(paths)) and not any(report["overflow"].values()), report["overflow"]
    for width, headings in report["currentGroup"].items():  # a bar marks the article's group, and it alone
        assert all(heading["visible"] for heading in headings), width
        assert [heading["current"] for heading in headings].count("true") == 1, (width, headings)
        assert all((heading["bar"] != "none") == (heading["current"] == "true") for heading in headings), headings
