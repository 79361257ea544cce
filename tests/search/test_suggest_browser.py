"""The search box's suggestions work with the keyboard in a real browser, and the box works without script."""

import json
import os

import pytest

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
from tests.search.conftest import LAKE, NEWS_SLUGS

pytestmark = [
    pytest.mark.browser,
    unless_missing(MISSING_NODE_TOOLS),
    unless_missing(MISSING_CHROMIUM),
    live_server_db,
    pytest.mark.usefixtures("leave_migrated_data"),
]


@pytest.mark.parametrize(("language", "typed"), [("en", "autumn"), ("lo", "ລະດູ")])
def test_a_reader_picks_a_suggestion_with_the_keyboard(lake, live_server, language, typed):
    result = run(
        ["node", str(SCRIPTS / "search_suggest.mjs"), live_server.url, language, typed],
        "search_suggest.mjs",
        env={**os.environ, "CHROMIUM": CHROMIUM},
    )
    report = json.loads(result.stdout or "{}")
    assert report.get("errors") == [], result.stdout + result.stderr
    assert report["suggestions"] == [LAKE["titles"][language]]
    assert report["expanded"] == "true"
    assert report["active"] == "search-suggestions-0-0" and report["selected"] == "true"
    assert report["opened"] == f"/{language}/{NEWS_SLUGS[language]}/{LAKE['slugs'][language]}/"
    assert report["without_script"] == f"?q={typed}"
    assert report["results"] == [LAKE["titles"][language]]
