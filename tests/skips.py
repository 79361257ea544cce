"""Tests skipped for lack of a tool or a server, and the one line `make test` ends with about them.

A test that needs something the machine may not have (Chromium, Java, the Node packages, a Redis or
search server) is skipped with `needs(what, how)` as its reason; at the end of the run
`summary` names each missing thing once, with what to install.
"""

import re

PREFIX = "needs "
REASON = re.compile(rf"{PREFIX}(?P<what>[^:]+): (?P<how>.+)")


def needs(what, how):
    return f"{PREFIX}{what}: {how}"


def summary(skipped_reports):
    """'Skipped for lack of …' with each missing thing and how to get it, or '' when nothing was."""
    missing = {}
    for report in skipped_reports:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        found = REASON.search(reason)
        if found:
            missing.setdefault(found["what"], [found["how"], 0])[1] += 1
    if not missing:
        return ""
    parts = [
        f"{what} ({count} {'test' if count == 1 else 'tests'}; {how})" for what, (how, count) in sorted(missing.items())
    ]
    return "Skipped for lack of " + "; ".join(parts)
