"""Lighthouse (npm `lighthouse`, mobile) on the home page and an article in every language, served as in
production: gunicorn with portal.settings.production, static files collected and served by WhiteNoise.
Accessibility, Best Practices and SEO must each score 95 or more. Performance varies with the machine's
load, so it is not asserted here: bench/lighthouse.py reports it (README, "Speed").

What they need, and when they are skipped: tests/browser/tools.py.
"""

import json
import os
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import translation

from news.models import ArticlePage
from tests.browser.tools import (
    CHROMIUM,
    IN_CHROMIUM,
    NODE_MODULES,
    SCRIPTS,
    leave_migrated_data,  # noqa: F401  (a fixture)
    run,
    unless_missing,
)
from tests.servers import database_url, gunicorn
from tests.skips import needs
from tests.test_screenshots import LANGUAGES, translated_everywhere

MISSING_LIGHTHOUSE = (
    "" if (NODE_MODULES / "lighthouse").is_dir() else needs("Node packages", "run `npm ci --ignore-scripts`")
)
pytestmark = [*IN_CHROMIUM, unless_missing(MISSING_LIGHTHOUSE)]  # gunicorn reads the demo from the test database

MINIMUM = 95
CATEGORIES = ["accessibility", "best-practices", "seo"]


@pytest.fixture
def production_demo(settings, tmp_path, collected_static):
    """The demo site under production's gunicorn, and the paths to check."""
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=StringIO())
    article = translated_everywhere(ArticlePage)
    paths = []
    for code in LANGUAGES:
        with translation.override(code):
            paths += [f"/{code}/", urlsplit(article.get_url()).path]
    served = {"DATABASE_URL": database_url(tmp_path), "STATIC_ROOT": str(collected_static), "MEDIA_ROOT": str(media)}
    with gunicorn(tmp_path, workers=2, **served) as server:
        yield f"http://127.0.0.1:{server.port}", paths


def test_accessibility_best_practices_and_seo_score_95_or_more_on_a_phone(production_demo):
    base, paths = production_demo
    urls = [base + path for path in paths]
    command = ["node", str(SCRIPTS / "lighthouse.mjs"), "--categories", ",".join(CATEGORIES), *urls]
    result = run(command, "lighthouse.mjs", env={**os.environ, "CHROMIUM": CHROMIUM})
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"lighthouse.mjs gave no JSON report (exit {result.returncode}):\n{result.stderr[-3000:]}")

    problems = []
    for url, (run_,) in report.items():
        page = url.removeprefix(base)
        if "error" in run_:
            problems.append(f"{page}: Lighthouse could not run: {run_['error']}")
            continue
        for category in CATEGORIES:
            if run_["scores"][category] < MINIMUM:
                lost = "; ".join(
                    f"{audit['id']} ({audit['title']}{': ' + audit['value'] if audit['value'] else ''})"
                    for audit in run_["failing"]
                    if audit["category"] == category
                )
                problems.append(f"{page}: {category} {run_['scores'][category]} < {MINIMUM}: {lost}")
    assert sorted(report) == sorted(urls), "lighthouse.mjs did not report on every page"
    assert not problems, "\n".join(problems)
