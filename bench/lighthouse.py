"""Lighthouse Performance (mobile) of the home page and an article in every language, as production serves them.

    .venv/bin/python bench/lighthouse.py            # 3 runs of each page (BENCH_RUNS overrides)

Builds the demo site in a temporary folder (migrate, load_demo, collectstatic), serves it with gunicorn
under portal.settings.production (as tests/test_lighthouse.py does), and runs Lighthouse's mobile
audit (a mid-range phone on a slow 4G network, simulated) on each page with Debian's Chromium
(tests/browser/lighthouse.mjs). Prints, per page and language, the median of the runs: Performance
and its metrics, and the other categories' scores. The goal is Performance 95 or more (README, "Speed").
Nothing else should run on the machine meanwhile: Lighthouse times the page on the machine's CPU.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import gunicorn, production_environment  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", 3))
PAGES = """
import json
from django.utils import translation
from news.models import ArticlePage
from tests.test_screenshots import LANGUAGES
article = next(p for p in ArticlePage.objects.live().order_by("path") if all(map(p.is_translated, LANGUAGES)))
paths = []
for code in LANGUAGES:
    with translation.override(code):
        paths += [("home", code, f"/{code}/"), ("article", code, article.get_url())]
print(json.dumps(paths))
"""


def manage(*arguments, **environment):
    command = [sys.executable, "manage.py", *arguments]
    return subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True, text=True).stdout


def main():
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as folder:
        folder = Path(folder)
        # The demo is loaded with the development settings (production refuses load_demo), into the
        # database and media folder that production then serves.
        development = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "PORTAL_VAR_DIR": str(folder)}
        development.pop("DATABASE_URL", None)
        print("Loading the demo site…", file=sys.stderr)
        manage("migrate", "--noinput", "-v0", **development)
        manage("load_demo", **development)
        paths = json.loads(manage("shell", "-c", PAGES, **development).strip().splitlines()[-1])
        served = {"PORTAL_VAR_DIR": str(folder), "STATIC_ROOT": str(folder / "static")}
        manage("collectstatic", "--noinput", "-v0", **production_environment(folder, **served))
        with gunicorn(folder, workers=2, **served) as server:
            base = f"http://127.0.0.1:{server.port}"
            print(f"Lighthouse, {RUNS} runs of {len(paths)} pages…", file=sys.stderr)
            command = ["node", str(ROOT / "tests/browser/lighthouse.mjs"), "--runs", str(RUNS),
                       "--categories", "performance,accessibility,best-practices,seo",
                       *[base + path for _name, _code, path in paths]]  # fmt: skip
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        report = json.loads(result.stdout)

    print("| page | language | Performance | FCP | LCP | TBT | CLS | Accessibility | Best Practices | SEO |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, code, path in paths:
        runs = [run for run in report[base + path] if "error" not in run]
        if not runs:
            print(f"| {name} | {code} | error: {report[base + path][0]['error']} |")
            continue
        median = statistics.median
        scores = {category: median([run["scores"][category] for run in runs]) for category in runs[0]["scores"]}
        metrics = {metric: median([run["metrics"][metric] for run in runs]) for metric in runs[0]["metrics"]}
        performance = [run["scores"]["performance"] for run in runs]
        spread = f"{min(performance)}–{max(performance)}" + (f", {len(runs)} runs" if len(runs) < RUNS else "")
        print(
            f"| {name} | {code} | {scores['performance']:g} ({spread}) | {metrics['FCP'] / 1000:.1f} s "
            f"| {metrics['LCP'] / 1000:.1f} s | {metrics['TBT']:.0f} ms | {metrics['CLS']:.3f} "
            f"| {scores['accessibility']:g} | {scores['best-practices']:g} | {scores['seo']:g} |"
        )
    lost = {
        (audit["id"], audit["title"]) for runs in report.values() for run in runs for audit in run.get("failing", ())
    }
    if lost:
        print("\nAudits that cost points: " + "; ".join(f"{title} ({id_})" for id_, title in sorted(lost)))
    errors = {run["error"] for runs in report.values() for run in runs if "error" in run}
    if errors:
        print("\nRuns that Lighthouse ended with an error (left out above): " + "; ".join(sorted(errors)))


if __name__ == "__main__":
    main()
