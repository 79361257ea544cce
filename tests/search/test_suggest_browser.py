"""The search box's suggestions work with the keyboard in a real browser, and the box works without script."""

import pytest

from tests.browser.tools import (
    IN_CHROMIUM,
    drive,
    leave_migrated_data,  # noqa: F401  (a fixture)
)
from tests.search.conftest import LAKE, NEWS_SLUGS

pytestmark = IN_CHROMIUM


@pytest.mark.parametrize(("language", "typed"), [("en", "autumn"), ("lo", "ລະດູ")])
def test_a_reader_picks_a_suggestion_with_the_keyboard(lake, live_server, language, typed):
    report = drive("search_suggest.mjs", live_server, language, typed)
    assert report["suggestions"] == [LAKE["titles"][language]]
    assert report["expanded"] == "true"
    assert report["active"] == "search-suggestions-0-0" and report["selected"] == "true"
    assert report["opened"] == f"/{language}/{NEWS_SLUGS[language]}/{LAKE['slugs'][language]}/"
    assert report["without_script"] == f"?q={typed}"
    assert report["results"] == [LAKE["titles"][language]]
