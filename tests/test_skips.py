"""`make test` ends with one line naming what to install for the tests it had to skip."""

from types import SimpleNamespace

from tests.skips import needs, summary


def skipped(reason):
    return SimpleNamespace(longrepr=("tests/x.py", 1, f"Skipped: {reason}"))


def test_each_missing_tool_is_named_once_with_what_to_install():
    chromium = needs("Chromium", "apt-get install chromium")
    reports = [skipped(chromium), skipped(chromium), skipped(needs("Java", "apt-get install default-jre-headless"))]
    assert summary(reports) == (
        "Skipped for lack of Chromium (2 tests; apt-get install chromium); "
        "Java (1 test; apt-get install default-jre-headless)"
    )


def test_skips_by_design_are_not_reported_as_missing_tools():
    assert summary([skipped("the SQLite backend is tested on SQLite")]) == ""
