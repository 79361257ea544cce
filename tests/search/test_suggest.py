"""Title suggestions as the reader types (`/<lang>/search/suggest/?q=…`, JSON for search-suggest.js)."""

import pytest

from tests.search.conftest import LAKE, NEWS_SLUGS


@pytest.mark.parametrize(
    ("language", "typed"), [("vi", "mua th"), ("vi", "ho ba"), ("en", "autu"), ("lo", "ລະດູ"), ("km", "រដូវ")]
)
def test_titles_beginning_with_what_is_typed_are_suggested_in_the_readers_language(client, lake, language, typed):
    results = client.get(f"/{language}/search/suggest/", {"q": typed}).json()["results"]
    assert [result["title"] for result in results] == [LAKE["titles"][language]]
    assert results[0]["url"] == f"/{language}/{NEWS_SLUGS[language]}/{LAKE['slugs'][language]}/"


@pytest.mark.parametrize("typed", ["", "  ", "<>", "' OR 1=1", "x" * 500])
def test_nothing_to_suggest_is_an_empty_list_not_an_error(client, lake, typed):
    response = client.get("/en/search/suggest/", {"q": typed})
    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_the_search_boxes_offer_suggestions_and_work_without_script(client, lake):
    html = client.get("/en/search/", {"q": "lake"}).content.decode()
    assert '<script src="/static/search/suggest.js" defer></script>' in html
    assert html.count('data-suggest="/en/search/suggest/"') == 2  # header box and the page's box
    assert '<form class="search-form" action="/en/search/" method="get">' in html
