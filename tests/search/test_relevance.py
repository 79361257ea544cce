"""Readers find the page they mean in the first three results (issue 17).

The judged queries are in judged_queries.toml (see its header to add one); tests/search/judging.py runs
them through the reader search page on the demo and scores hits in the first three and the mean
reciprocal rank. bench/search_relevance.py prints the same table outside the tests.
"""

import pytest
from django.test import Client

from tests.conftest import LANGUAGES
from tests.search import judging

REQUIRED_HITS_AT_3 = 0.9


@pytest.fixture(scope="module")
def judged():
    return judging.load()


@pytest.fixture
def pages(loaded_demo, db):
    return judging.pages_by_address()


def test_the_set_has_thirty_queries_and_six_in_each_language(judged):
    assert len(judged) >= 30
    for language in LANGUAGES:
        assert sum(entry.language == language for entry in judged) >= 6, language


def test_every_judged_page_is_in_the_demo(judged, pages):
    assert judging.problems(judged, pages, LANGUAGES) == []


def test_a_page_the_demo_lacks_is_named_with_its_query(judged, pages):
    typo = judging.Judged(number=7, language="en", query="Ba Be lake", page="/vi/du-lich/ho-ba-be/", why="")
    assert judging.problems([typo], pages, LANGUAGES) == [
        "query 7 (en 'Ba Be lake' → /vi/du-lich/ho-ba-be/): the demo has no page at /vi/du-lich/ho-ba-be/"
    ]


def test_an_entry_without_its_page_is_refused(tmp_path):
    data = tmp_path / "judged.toml"
    data.write_text('[[query]]\nlanguage = "vi"\nquery = "ba be"\nwhy = "no page"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"query 1 \('ba be'\): needs exactly the fields language, page, query, why"):
        judging.load(data)


def test_results_are_read_in_order_without_the_recommended_pages():
    html = """
    <section class="search-promoted"><ul><li><a href="/en/invest/">Invest</a></li></ul></section>
    <ol class="search-results" start="1">
        <li><h2><a href="/en/visit/destinations/puong-cave/">Puông Cave</a></h2><p><a href="/x/">x</a></p></li>
        <li lang="vi"><h2><a href="http://testserver/en/visit/destinations/">Destinations</a></h2></li>
    </ol>"""
    assert judging.results(html) == ["/en/visit/destinations/puong-cave/", "/en/visit/destinations/"]


def test_readers_find_the_page_they_mean_in_the_first_three_results(judged, pages):
    outcomes = judging.run(Client(), judged, pages)
    hits = judging.hits_at_3(outcomes)
    assert hits >= REQUIRED_HITS_AT_3, "\n" + judging.table(outcomes)
