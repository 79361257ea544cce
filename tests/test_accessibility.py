"""Accessibility (axe-core, WCAG 2.1 A and AA) and HTML validity (Nu Html Checker) of the demo site.

Every language gets its home page, each standard page (the vi/en-only page included, shown in
lo and km with the fallback notice), a search results page, the 404 page, and each public form
as it answers when sent empty (its error state). Each checker is
started once for all pages: one JVM for vnu.jar, one Chromium for axe.

What they need, and when they are skipped: tests/browser/tools.py.
"""

import json
import os
import re
from io import StringIO
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import get_page_models

from home.form_pages import handled_models
from home.models import HomePage, PortalPage, StandardPage
from news.models import ArticlePage
from tests.browser.tools import (
    CHROMIUM,
    MISSING_CHROMIUM,
    MISSING_JAVA,
    MISSING_NODE_TOOLS,
    SCRIPTS,
    VNU_JAR,
    leave_migrated_data,  # noqa: F401  (a fixture)
    live_server_db,
    run,
    unless_missing,
)

AXE_SCRIPT = SCRIPTS / "axe_check.mjs"
pytestmark = [
    pytest.mark.browser,
    unless_missing(MISSING_NODE_TOOLS),
    live_server_db,
    pytest.mark.usefixtures("leave_migrated_data"),
]


@pytest.fixture
def demo_paths(settings, tmp_path):
    """Loads the demo site and returns the paths to check, in every language."""
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=StringIO())
    pages = list(StandardPage.objects.live().order_by("path"))
    assert len(pages) >= 3, "the demo should have standard pages"
    # One page of every other type (the first of each, in tree order), and the print view.
    models = [m for m in get_page_models() if issubclass(m, PortalPage) and m not in (StandardPage, HomePage)]
    samples = [page for model in models if (page := model.objects.live().order_by("path").first())]
    paths = []
    for code, _name in settings.LANGUAGES:
        paths.append(f"/{code}/")
        with translation.override(code):
            paths += [urlsplit(page.get_url()).path for page in [*pages, *samples] if page.depth > 2]
            paths += [urlsplit(page.get_url()).path + "print/" for page in samples if isinstance(page, ArticlePage)]
        paths += [f"/{code}/search/?q=Bac", f"/{code}/no-such-page/"]
    fallbacks = {code for page in pages for code, _name in settings.LANGUAGES if not page.is_translated(code)}
    assert {"lo", "km"} <= fallbacks, "the demo should have a page that lo and km readers see in a fallback"
    return paths


@pytest.fixture
def refused_form_paths(demo_paths, settings):
    """The public forms in every language, to be checked as they answer when sent empty."""
    settings.FORM_SUBMISSIONS_PER_HOUR = 100  # each checker sends each form more than the usual limit
    forms = [model.objects.live().order_by("path").first() for model in handled_models()]
    assert forms and all(forms), "the demo should have every kind of public form"
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [urlsplit(page.get_url()).path for page in forms]
    return paths


# Pages each checker must find fault with: proof that it really checked what it was given (vnu.jar,
# for one, reports nothing at all for arguments it cannot read).
VNU_CANARY = '<!DOCTYPE html><html lang="en"><title>Canary</title><p id="x"><p id="x">Same id twice.'
AXE_CANARY = "data:text/html," + quote('<!DOCTYPE html><title>Canary</title><img src="data:,">')


@unless_missing(MISSING_JAVA)
def test_pages_are_valid_html(demo_paths, refused_form_paths, client, tmp_path):
    files = {}
    pages = [(path, client.get) for path in demo_paths] + [(path, client.post) for path in refused_form_paths]
    for number, (path, send) in enumerate(pages):
        response = send(path)
        expected = 404 if "no-such-page" in path else 200
        assert response.status_code == expected, path
        if send == client.post:
            assert b"data-error-summary" in response.content, path
            path = f"{path} (sent empty)"
        name = tmp_path / f"page-{number:02d}-{re.sub(r'[^a-z0-9]+', '-', path.lower()).strip('-')}.html"
        name.write_bytes(response.content)
        files[str(name.resolve())] = path
    canary = tmp_path / "canary.html"
    canary.write_text(VNU_CANARY, encoding="utf-8")

    # File names, not file: URLs, which vnu.jar skips without a word.
    result = run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files, str(canary)], "vnu.jar")
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {result.returncode}):\n{result.stderr[-3000:]}")

    def checked_file(message):
        return str(Path(unquote(urlsplit(message.get("url", "")).path)).resolve())

    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert any(checked_file(m) == str(canary.resolve()) for m in errors), (
        f"vnu.jar found nothing wrong with a page with a duplicate id: it checked nothing.\n{result.stderr[-3000:]}"
    )
    report = [
        f"{files.get(checked_file(m), m.get('url'))}:{m.get('lastLine', '?')}: {m.get('message')}\n"
        f"    {m.get('extract', '').strip()}"
        for m in errors
        if checked_file(m) != str(canary.resolve())
    ]
    assert not report, f"{len(report)} HTML error(s):\n" + "\n".join(report)


@unless_missing(MISSING_CHROMIUM)
def test_pages_have_no_axe_violations(demo_paths, refused_form_paths, live_server):
    # "submit:" pages are sent empty by the script, which checks the page that answers.
    urls = [live_server.url + path for path in demo_paths]
    urls += [f"submit:{live_server.url}{path}" for path in refused_form_paths]
    env = {**os.environ, "CHROMIUM": CHROMIUM}
    result = run(["node", str(AXE_SCRIPT), *urls, AXE_CANARY], "axe_check.mjs", env=env)
    try:
        report = json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"axe_check.mjs gave no JSON report (exit {result.returncode}):\n{result.stderr[-3000:]}")

    assert sorted(report) == sorted([*urls, AXE_CANARY]), "axe_check.mjs did not report on every page"
    canary = report.pop(AXE_CANARY)
    assert len([v for v in canary if v["id"] == "image-alt"]) == 2, (
        f"axe missed an image without alt text at one of its two viewports: {canary}\n{result.stderr[-3000:]}"
    )
    problems = []
    for url, violations in report.items():
        for violation in violations:
            targets = ", ".join(
                " ".join(map(str, node["target"])) + (f" ({node['summary']})" if violation["id"] == "reflow" else "")
                for node in violation["nodes"][:5]
            )
            problems.append(
                f"{url.replace(live_server.url, '')} at {violation.get('viewport', '?')}: {violation['id']} "
                f"({violation['impact']}): {violation['help']} [{targets}]"
            )
    assert not problems, f"{len(problems)} accessibility violation(s):\n" + "\n".join(problems)
