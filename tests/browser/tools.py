"""What the browser and HTML-validity tests need, and how they are skipped without it.

They need the Node tools of package.json (`npm ci --ignore-scripts`, which `make test` runs),
Java 11 or later, and Chromium at /usr/bin/chromium (or where CHROMIUM says). Locally a missing
tool skips the test, saying what to install; under CI (`CI` set), where .ci/run installs them,
nothing is skipped, so a missing tool fails the run instead of hiding it.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connections

from tests.skips import needs

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCRIPTS = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TIMEOUT = 600  # seconds, for each checker run
IN_CI = bool(os.environ.get("CI"))


def _missing_node_tools():
    if not shutil.which("node"):
        return needs("Node", "Node 20 or later, e.g. apt-get install nodejs npm, then make test")
    wanted = [NODE_MODULES / name for name in ("playwright-core", "axe-core", "vnu-jar")]
    if not all(path.is_dir() for path in wanted) or not VNU_JAR.is_file():
        return needs("Node packages", "run `npm ci --ignore-scripts` in the project root")
    return ""


MISSING_NODE_TOOLS = _missing_node_tools()
MISSING_JAVA = "" if shutil.which("java") else needs("Java", "Java 11 or later: apt-get install default-jre-headless")
MISSING_CHROMIUM = (
    ""
    if os.access(CHROMIUM, os.X_OK)
    else needs("Chromium", f"apt-get install chromium, or set CHROMIUM (not at {CHROMIUM})")
)


def unless_missing(reason):
    """Skip by marker (before any fixture touches the database) when a tool is missing, except in CI.

    Tests that need these tools are also marked `browser`: CI runs them once, not in every pass.
    """
    return pytest.mark.skipif(bool(reason) and not IN_CI, reason=reason)


# The live server reads what the test writes: data must be committed, not in a transaction.
# serialized_rollback restores what the migrations created (root page, site, locale) first.
live_server_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The marks of a module whose tests drive Chromium against the live server (`pytestmark = IN_CHROMIUM`;
# the module imports the fixture `leave_migrated_data`).
IN_CHROMIUM = [
    pytest.mark.browser,
    unless_missing(MISSING_NODE_TOOLS),
    unless_missing(MISSING_CHROMIUM),
    live_server_db,
    pytest.mark.usefixtures("leave_migrated_data"),
]


def in_chromium(test):
    """IN_CHROMIUM's marks on one test."""
    for mark in reversed(IN_CHROMIUM):
        test = mark(test)
    return test


@pytest.fixture(scope="module")
def leave_migrated_data(django_db_setup, django_db_blocker):
    """Put back the rows the migrations made once a module's live-server tests flushed the database.

    A transactional test empties every table when it ends; later tests, and a database kept
    with --reuse-db, expect Wagtail's root page, default site and locale to be there.
    """
    yield
    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


def run(command, what, env=None):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} did not finish within {TIMEOUT} s")


def drive(script, live_server, *arguments):
    """What one of this folder's browser scripts reports (JSON) after its run against the live server; a
    report that lists errors fails the test."""
    command = ["node", str(SCRIPTS / script), live_server.url, *map(str, arguments)]
    result = run(command, script, env={**os.environ, "CHROMIUM": CHROMIUM})
    report = json.loads(result.stdout or "{}")
    assert report.get("errors") == [], result.stdout + result.stderr
    return report
