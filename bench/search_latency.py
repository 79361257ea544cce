"""Search latency on the database backend with 10,000 articles in four languages.

    .venv/bin/python bench/search_latency.py                      # SQLite file bench/search.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search_latency.py

The first run fills the database (a few minutes) and builds the index with `update_index`;
later runs reuse it. Each query is a full request of /<lang>/search/?q=… through Django, as a
reader makes it (search, facets, one page of results with snippets, the rendered page): the
bench's own queries, then the judged queries of tests/search/judged_queries.toml (written for the
demo site, so here they mostly find little: the spelling check runs on them). Autocomplete is
/<lang>/search/suggest/?q=… with the first three to five letters of each query. Last, the plan
of the main query (EXPLAIN) as the database runs it. No result is cached.
Articles are sample text made of real words of each language, drawn at random (seeded).
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'search.sqlite3'}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402
import tomllib  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

ARTICLES = int(os.environ.get("BENCH_ARTICLES", 10_000))
RUNS = int(os.environ.get("BENCH_RUNS", 20))
WORDS = {
    "vi": "hồ Ba Bể du lịch đầu tư hợp tác hữu nghị Lào Campuchia tỉnh Bắc Kạn nông sản lễ hội văn hóa dân tộc Tày "
    "Nùng Dao rừng núi thác nước hang động khách quốc tế doanh nghiệp dự án khu công nghiệp giao thông đường cao tốc "
    "mùa thu cam quýt miến dong chè Shan tuyết thông tin đối ngoại báo chí",
    "en": "lake Ba Bể tourism investment cooperation friendship Laos Cambodia province Bắc Kạn farm produce festival "
    "culture ethnic Tày Nùng Dao forest mountain waterfall cave visitors international companies project industrial "
    "park transport expressway autumn oranges tangerines noodles tea external information press",
    "lo": "ທະເລສາບ ບາເບ້ ການທ່ອງທ່ຽວ ການລົງທຶນ ການຮ່ວມມື ມິດຕະພາບ ລາວ ກຳປູເຈຍ ແຂວງ ບັກກັນ ຜະລິດຕະພັນ ງານບຸນ "
    "ວັດທະນະທຳ ຊົນເຜົ່າ ປ່າໄມ້ ພູເຂົາ ນ້ຳຕົກ ຖ້ຳ ນັກທ່ອງທ່ຽວ ສາກົນ ບໍລິສັດ ໂຄງການ ເຂດອຸດສາຫະກຳ ການຄົມມະນາຄົມ "
    "ທາງດ່ວນ ລະດູໃບໄມ້ຫຼົ່ນ ໝາກກ້ຽງ ຊາ ຂໍ້ມູນຂ່າວສານ ໜັງສືພິມ",
    "km": "បឹង បាបេ ទេសចរណ៍ ការវិនិយោគ កិច្ចសហប្រតិបត្តិការ មិត្តភាព ឡាវ កម្ពុជា ខេត្ត បាក់កាន ផលិតផល ពិធីបុណ្យ "
    "វប្បធម៌ ជនជាតិ ព្រៃឈើ ភ្នំ ទឹកធ្លាក់ រូងភ្នំ ភ្ញៀវទេសចរ អន្តរជាតិ ក្រុមហ៊ុន គម្រោង តំបន់ឧស្សាហកម្ម "
    "ដឹកជញ្ជូន ផ្លូវល្បឿនលឿន រដូវស្លឹកឈើជ្រុះ ក្រូច តែ ព័ត៌មាន សារព័ត៌មាន",
}
NO_SPACES = {"lo", "km"}  # written without spaces between words
SECTION_TITLES = {"vi": "Tin tức", "en": "News", "lo": "ຂ່າວ", "km": "ព័ត៌មាន"}
SECTION_SLUGS = {"vi": "tin-tuc", "en": "news", "lo": "khao", "km": "pordamean"}
QUERIES = {
    "vi": ["du lịch", "ba be", "hop tac huu nghi", "khu công nghiệp"],
    "en": ["tourism", "lakes", "investment project", "friendship Laos"],
    "lo": ["ບາເບ້", "ການລົງທຶນ", "ມິດຕະພາບ ລາວ", "ນ້ຳຕົກ"],
    "km": ["បាបេ", "ការវិនិយោគ", "មិត្តភាព កម្ពុជា", "ទឹកធ្លាក់"],
}


JUDGED = tomllib.loads((ROOT / "tests" / "search" / "judged_queries.toml").read_text())["query"]


def sentence(rng, language, length):
    words = rng.choices(WORDS[language].split(), k=length)
    return ("" if language in NO_SPACES else " ").join(words)


def fill():
    from home.models import HomePage
    from news.models import ArticleIndexPage, ArticlePage
    from tests.factories import make_home, make_section

    if ArticlePage.objects.count() >= ARTICLES:
        return
    # Index once at the end (update_index), not page by page while filling.
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    home = HomePage.objects.first() or make_home()
    sections = {}

    def section(number):
        """News sections of 500 articles, as a portal has: Wagtail checks a new page's slug against its siblings."""
        key = number // 500
        if key not in sections:
            sections[key] = ArticleIndexPage.objects.filter(slug_vi=f"tin-tuc-{key}").first() or make_section(
                home, {code: f"{name} {key}" for code, name in SECTION_TITLES.items()},
                {code: f"{slug}-{key}" for code, slug in SECTION_SLUGS.items()},
            )  # fmt: skip
        return sections[key]

    start = time.perf_counter()
    for number in range(ArticlePage.objects.count(), ARTICLES):
        rng = random.Random(number)  # the same article whenever it is made
        fields = {"date": datetime.date(2015, 1, 1) + datetime.timedelta(days=number % 3650), "live": True}
        for code in WORDS:
            fields[f"title_{code}"] = sentence(rng, code, 6)
            fields[f"slug_{code}"] = f"{code}-{number}"
            fields[f"summary_{code}"] = ". ".join(sentence(rng, code, 12) for _ in range(2))
            fields[f"body_{code}"] = [
                {"type": "paragraph", "value": f"<p>{'. '.join(sentence(rng, code, 14) for _ in range(5))}</p>"}
                for _ in range(3)
            ]
        fields["first_published_at"] = datetime.datetime.now(datetime.UTC)
        section(number).add_child(instance=ArticlePage(**fields))
        if number % 1000 == 999:
            print(f"  {number + 1:,} articles ({time.perf_counter() - start:.0f} s)", flush=True)
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True
    call_command("update_index")


def timed(client, path, queries):
    """Milliseconds of RUNS requests of each query (after one to warm up)."""
    timings = []
    for query in queries:
        client.get(path, {"q": query})
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(path, {"q": query})
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
    return timings


def report(title, rows):
    everything = [t for _language, timings in rows for t in timings]
    print(f"\n{title}")
    print(f"{'language':<10}{'median ms':>10}{'p95 ms':>10}")
    for language, timings in rows + [("all", everything)]:
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{language:<10}{statistics.median(timings):>10.1f}{p95:>10.1f}")


def measure():
    client = Client(HTTP_HOST="localhost")
    judged = {language: [q["query"] for q in JUDGED if q["language"] == language] for language in QUERIES}
    searches, suggestions = [], []
    for language, queries in QUERIES.items():
        timings = timed(client, f"/{language}/search/", queries + judged[language])
        searches.append((language, timings))
        prefixes = [query[: 3 + i % 3] for i, query in enumerate(queries + judged[language])]
        suggestions.append((language, timed(client, f"/{language}/search/suggest/", prefixes)))
        print(f"  {language}: median {statistics.median(timings):.1f} ms", flush=True)
    counts = {language: len(QUERIES[language]) + len(judged[language]) for language in QUERIES}
    report(f"{connection.vendor}, {ARTICLES:,} articles x 4 languages, {RUNS} runs of each query {counts}", searches)
    report("Autocomplete (first 3 to 5 letters of the same queries)", suggestions)
    explain()


def explain():
    """The plan of the main query (one page of results, best first) for a common query."""
    try:
        from search.reader_index import Search
        from search.text import query_groups
    except ImportError:  # a version of the portal before search/reader_index.py
        return
    found = Search("vi", query_groups("du lịch", "vi"), {})
    queries = []

    def record(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        found.ids(0, 50)
    print(f'\nThe queries of the first 50 results for "du lịch" ({found.total:,} entries found), and their plans:')
    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    for sql, params in queries:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            plan = "\n".join(" ".join(str(column) for column in row) for row in cursor.fetchall())
        print(f"\n{sql}\n{params}\n{plan}")


if __name__ == "__main__":
    call_command("migrate", verbosity=0, interactive=False)
    fill()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them on a live PostgreSQL
    measure()
