"""Relevance of the reader search on the judged query set (tests/search/judged_queries.toml).

    .venv/bin/python bench/search_relevance.py                       # SQLite, in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/relevance .venv/bin/python bench/search_relevance.py

Builds the demo (migrate, load_demo) under the test settings in a throwaway SQLite database, or in the
database DATABASE_URL names (load_demo is idempotent: an existing demo is brought up to date, other
content stays and can change the ranking). Then searches each judged query as a reader does,
/<lang>/search/?q=…, and prints where the page meant came among the results (editors' recommended pages
left out), the hits in the first three and the mean reciprocal rank. tests/search/test_relevance.py
requires 90% hits in the first three. Takes a minute or two on SQLite.
"""

import atexit
import os
import shutil
import sys
import tempfile
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FOLDER = Path(tempfile.mkdtemp(prefix="bench-relevance-"))
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{FOLDER / 'db.sqlite3'}")
os.environ["PORTAL_VAR_DIR"] = str(FOLDER)  # what load_demo writes beside the database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from tests.search import judging  # noqa: E402


def main():
    print(f"Loading the demo into {connection.vendor} ({connection.settings_dict['NAME']})…", file=sys.stderr)
    with redirect_stdout(sys.stderr), translation.override(settings.LANGUAGE_CODE):  # the table alone on stdout
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", stdout=StringIO())
    judged = judging.load()
    pages = judging.pages_by_address()
    languages = [code for code, _name in settings.LANGUAGES]
    problems = judging.problems(judged, pages, languages)
    if problems:
        sys.exit("\n".join(problems))
    outcomes = judging.run(Client(HTTP_HOST="localhost"), judged, pages)
    print(judging.table(outcomes))
    for language in languages:
        some = [outcome for outcome in outcomes if outcome.judged.language == language]
        print(f"  {language}: {judging.summary(some)}")


if __name__ == "__main__":
    main()
